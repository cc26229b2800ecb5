import { defineMessages } from '../i18n/i18n.js';
import { formatBytes } from './numbers.js';

/**
 * A one-line summary of an event, built from the fields that are set. Each category puts its telling
 * fields first (a print job: printer, document, pages; a web access: method, URL, status); any other
 * set field is not part of the line. Empty strings and zeros mean "not set" (see the API contract).
 */
export interface EventRecord {
  category: string;
  [column: string]: unknown;
}

const t = defineMessages(
  { pages: '{n}ページ', copies: '{n}部', uptime: '稼働 {n}秒', pid: 'PID {n}' },
  { pages: '{n} pages', copies: '{n} copies', uptime: 'up {n} s', pid: 'PID {n}' },
);

const FIELDS_BY_CATEGORY: Record<string, readonly string[]> = {
  boot: ['action', 'reason', 'uptime_seconds', 'message'],
  logon: ['action', 'logon_type', 'source_ip', 'message'],
  web_access: ['http_method', 'url', 'http_status', 'browser', 'window_title'],
  software_operation: ['action', 'process_name', 'version', 'publisher', 'window_title', 'command_line'],
  file_operation: ['action', 'file_path', 'target_path', 'drive_type', 'process_name'],
  printer_output: ['action', 'printer_name', 'document_name', 'pages', 'copies', 'color_mode', 'paper_size'],
  external_device: [
    'action',
    'device_class',
    'device_name',
    'volume_label',
    'capacity_bytes',
    'vendor_id',
    'product_id',
    'serial',
  ],
  device_control: ['action', 'rule_name', 'device_class', 'device_name', 'reason'],
};
/** For a category this page does not know yet. */
const FALLBACK_FIELDS = [
  'action',
  'message',
  'url',
  'process_name',
  'file_path',
  'printer_name',
  'device_name',
  'rule_name',
  'reason',
];
const SEPARATOR = ' · ';

/** Empty strings, zeros and the engine's zero dates mean "not set". */
export function isSet(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === 0 || value === '0') return false;
  if (typeof value === 'string' && value.startsWith('1970-01-01')) return false;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function fieldText(column: string, value: unknown): string {
  switch (column) {
    case 'pages':
      return t('pages', { n: String(value) });
    case 'copies':
      return t('copies', { n: String(value) });
    case 'uptime_seconds':
      return t('uptime', { n: String(value) });
    case 'pid':
      return t('pid', { n: String(value) });
    case 'capacity_bytes':
    case 'bytes':
      return formatBytes(value as string | number);
    case 'target_path':
      return `→ ${String(value)}`;
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

export function eventSummary(event: EventRecord): string {
  const fields = FIELDS_BY_CATEGORY[event.category] ?? FALLBACK_FIELDS;
  const parts = fields.filter((column) => isSet(event[column])).map((column) => fieldText(column, event[column]));
  return parts.join(SEPARATOR).replace(`${SEPARATOR}→`, ' →');
}
