import type { LogEvent } from './explorer-api.js';
import { isSet } from '../../format/event-summary.js';
import { WINDOWS_ATTRIBUTES } from '../../format/event-field-labels.js';

/**
 * Which fields of an event are set and in what order they are shown. Their names and how their values read:
 * format/event-field-labels.ts (shared with the ticket pages' evidence).
 */

/** Shown first in the detail, in this order; every other set column follows as the server sent it. */
const LEADING = ['time', 'hostname', 'category', 'user_name', 'action', 'message'];
/** Shown last: where and when the event was recorded rather than what happened. */
const TRAILING = ['received_at', 'device_id', 'seq', 'participant_id'];

/** The one-line summary in the table: the set fields that say most about what happened. */
const SUMMARY_ORDER = [
  'action',
  'message',
  'url',
  'http_method',
  'http_status',
  'process_name',
  'window_title',
  'command_line',
  'file_path',
  'target_path',
  'drive_type',
  'printer_name',
  'document_name',
  'pages',
  'copies',
  'device_class',
  'device_name',
  'vendor_id',
  'product_id',
  'serial',
  'volume_label',
  'rule_name',
  'reason',
  'logon_type',
  'source_ip',
  'version',
  'publisher',
  'bytes',
  'domain',
  'browser',
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
  const attributes =
    event.attributes && typeof event.attributes === 'object' ? (event.attributes as Record<string, unknown>) : {};
  // A Windows event's channel, provider and event id first: they say what Windows recorded.
  const keys = [
    ...WINDOWS_ATTRIBUTES.filter((key) => key in attributes),
    ...Object.keys(attributes).filter((key) => !WINDOWS_ATTRIBUTES.includes(key)),
  ];
  for (const key of keys)
    if (isSet(attributes[key])) entries.push({ column: `attributes.${key}`, value: asText(attributes[key]) });
  return entries;
}

export function summaryEntries(event: LogEvent): FieldEntry[] {
  return SUMMARY_ORDER.filter((column) => isSet(event[column]))
    .slice(0, SUMMARY_LIMIT)
    .map((column) => ({ column, value: asText(event[column]) }));
}
