import { sha256Hex } from '../../common/hashes.js';

/**
 * The evidence record and its hash. The SHA-256 covers the whole record — who it is about, the query,
 * the range and every row — serialised canonically (object keys sorted, no whitespace, one text for one
 * value), so that the same record always gives the same bytes and any change of any of them, or of a
 * single character of a row, gives another hash.
 */
export type SnapshotValue = string | number | boolean | null | SnapshotValue[] | { [key: string]: SnapshotValue };
export type SnapshotRow = Record<string, SnapshotValue>;

export interface EvidenceRecord {
  participantId: string;
  query: string;
  from: string;
  to: string;
  deviceId: string;
  columns: string[];
  rows: SnapshotRow[];
  /** The query that marked the rows answering the question, and their positions in `rows` (0-based, ascending). */
  markQuery?: string;
  markedRows?: number[];
}

export const EVIDENCE_FORMAT = 'yorozu-evidence-v1';

export function canonicalJson(value: SnapshotValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('A snapshot cannot hold a non-finite number.');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] ?? null)}`).join(',')}}`;
}

export function evidenceSha256(record: EvidenceRecord): string {
  const document = canonicalJson({
    format: EVIDENCE_FORMAT,
    participantId: record.participantId,
    query: record.query,
    from: record.from,
    to: record.to,
    deviceId: record.deviceId,
    columns: record.columns,
    rows: record.rows,
    // The marks are part of what the participant is shown, so they are hashed with the rows. Evidence without marks
    // hashes exactly as before marks existed, so the hashes already sent stay valid.
    ...(record.markedRows?.length ? { markQuery: record.markQuery ?? '', markedRows: record.markedRows } : {}),
  });
  return sha256Hex(document);
}

/** The identity of an event (device, sequence number): which snapshot rows a second query also returned. */
function eventKey(event: Record<string, unknown>): string {
  return `${String(event.device_id)}\u0000${String(event.seq)}`;
}

/** The positions of `events` (the snapshot's events, in order) that are among `markedEvents`. */
export function markedPositions(
  events: readonly Record<string, unknown>[],
  markedEvents: readonly Record<string, unknown>[],
): number[] {
  const marked = new Set(markedEvents.map(eventKey));
  return events.flatMap((event, index) => (marked.has(eventKey(event)) ? [index] : []));
}

/** Columns shown first, in this order; the rest follow alphabetically. */
const LEADING_COLUMNS = ['time', 'hostname', 'category', 'action', 'user_name', 'message'];
/** Never part of a snapshot: the same for every row of one participant, or internal to storage. */
const DROPPED_COLUMNS = new Set(['participant_id', 'batch_id', 'insert_token']);

/** A column whose every row is empty or zero (the table's defaults for other categories) is left out. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === 0 || value === '0') return true;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** Keeps the columns that hold a value in at least one row, in a stable order, and rows with only those. */
export function snapshotOf(events: readonly Record<string, unknown>[]): { columns: string[]; rows: SnapshotRow[] } {
  const present = new Set<string>();
  for (const event of events) {
    for (const [key, value] of Object.entries(event))
      if (!DROPPED_COLUMNS.has(key) && !isEmpty(value)) present.add(key);
  }
  const leading = LEADING_COLUMNS.filter((column) => present.has(column));
  const rest = [...present].filter((column) => !LEADING_COLUMNS.includes(column)).sort();
  const columns = [...leading, ...rest];
  return { columns, rows: events.map((event) => projectRow(event, columns)) };
}

/** One event as a snapshot row with exactly these columns (a re-run is compared on the snapshot's columns). */
export function projectRow(event: Record<string, unknown>, columns: readonly string[]): SnapshotRow {
  return Object.fromEntries(columns.map((column) => [column, toSnapshotValue(event[column])])) as SnapshotRow;
}

function toSnapshotValue(value: unknown): SnapshotValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toSnapshotValue);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toSnapshotValue(inner)]));
  return String(value);
}
