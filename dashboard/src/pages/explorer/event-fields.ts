import { defineMessages, language } from '../../i18n/i18n.js';
import { formatJst } from '../../format/jst.js';
import type { LogEvent, QueryField } from './explorer-api.js';
import { categoryLabel } from '../../format/event-categories.js';
import { isSet } from '../../format/event-summary.js';
import { formatBytes } from '../../format/numbers.js';

/**
 * Which fields of an event are set, in what order they are shown, and under what name. Names of
 * searchable columns come from the query language's catalogue (GET …/events/fields); the few columns
 * it does not search are named here.
 */
const columnLabel = defineMessages(
  { time: '発生時刻', received_at: '受信時刻', participant_id: '参加者 ID', hostname: 'ホスト名', device_id: '端末 ID', seq: '連番', attributes: '属性' },
  { time: 'Time', received_at: 'Received at', participant_id: 'Participant ID', hostname: 'Host name', device_id: 'Device ID', seq: 'Sequence number', attributes: 'Attributes' },
);
type LocalColumn = Parameters<typeof columnLabel>[0];
const LOCAL_COLUMNS = new Set<string>(['time', 'received_at', 'participant_id', 'hostname', 'device_id', 'seq', 'attributes']);

/** Shown first in the detail, in this order; every other set column follows as the server sent it. */
const LEADING = ['time', 'hostname', 'category', 'user_name', 'action', 'message'];
/** Shown last: where and when the event was recorded rather than what happened. */
const TRAILING = ['received_at', 'device_id', 'seq', 'participant_id'];

/** The one-line summary in the table: the set fields that say most about what happened. */
const SUMMARY_ORDER = [
  'action', 'message', 'url', 'http_method', 'http_status', 'process_name', 'window_title', 'command_line', 'file_path',
  'target_path', 'drive_type', 'printer_name', 'document_name', 'pages', 'copies', 'device_class', 'device_name',
  'vendor_id', 'product_id', 'serial', 'volume_label', 'rule_name', 'reason', 'logon_type', 'source_ip', 'version',
  'publisher', 'bytes', 'domain', 'browser',
];
const SUMMARY_LIMIT = 6;

export interface FieldEntry {
  column: string;
  /** The value as stored, for pivots. */
  value: string;
}

function asText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** Every set field of the event; attributes become `attributes.<key>` entries. */
export function eventEntries(event: LogEvent): FieldEntry[] {
  const columns = Object.keys(event).filter((column) => column !== 'attributes' && isSet(event[column]));
  const ordered = [
    ...LEADING.filter((column) => columns.includes(column)),
    ...columns.filter((column) => !LEADING.includes(column) && !TRAILING.includes(column)),
    ...TRAILING.filter((column) => columns.includes(column)),
  ];
  const entries = ordered.map((column) => ({ column, value: asText(event[column]) }));
  const attributes = event.attributes && typeof event.attributes === 'object' ? event.attributes : {};
  for (const [key, value] of Object.entries(attributes)) if (isSet(value)) entries.push({ column: `attributes.${key}`, value: asText(value) });
  return entries;
}

export function summaryEntries(event: LogEvent): FieldEntry[] {
  return SUMMARY_ORDER.filter((column) => isSet(event[column]))
    .slice(0, SUMMARY_LIMIT)
    .map((column) => ({ column, value: asText(event[column]) }));
}

export function fieldLabel(column: string, fields: readonly QueryField[]): string {
  if (column.startsWith('attributes.')) return `${columnLabel('attributes')}: ${column.slice('attributes.'.length)}`;
  if (LOCAL_COLUMNS.has(column)) return columnLabel(column as LocalColumn);
  const field = fields.find((candidate) => candidate.name === column || candidate.aliases.includes(column));
  return field ? field.label[language()] : column;
}

/** How a value reads: times in JST, categories by name, sizes also in KB/MB, the rest as stored. */
export function displayValue(column: string, value: string): string {
  if (column === 'time' || column === 'received_at') return formatJst(value, 'millis');
  if (column === 'category') return categoryLabel(value);
  if (column === 'bytes' || column === 'capacity_bytes') return `${formatBytes(value)} (${value})`;
  return value;
}
