/**
 * Which of a snapshot's columns a reader of the evidence sees, and in what order. A column empty in every row
 * (an attributes map that is `{}` everywhere, a pid of 0 on USB events) says nothing and is left out; the
 * columns that answer "what happened where" come first (time, device, category, user, the USB drive's serial,
 * the rule). The snapshot itself, and so its SHA-256, keeps every column: the ones left out are empty.
 */
const ANSWERING = [
  'time',
  'hostname',
  'category',
  'action',
  'user_name',
  'serial',
  'device_name',
  'rule_name',
  'domain',
  'url',
  'file_path',
  'target_path',
  'document_name',
  'printer_name',
  'bytes',
];
/** Internal identity columns: the host name says the same to a reader. */
const HIDDEN = new Set(['participant_id', 'received_at']);

export function isEmptyCell(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === 0 || value === '0') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value as object).length === 0;
  return value === '{}' || value === '[]' || value === '1970-01-01 00:00:00.000';
}

export function shownColumns(columns: readonly string[], rows: readonly Record<string, unknown>[]): string[] {
  const informative = columns.filter((column) => !HIDDEN.has(column) && rows.some((row) => !isEmptyCell(row[column])));
  const first = ANSWERING.filter((column) => informative.includes(column));
  return [...first, ...informative.filter((column) => !first.includes(column))];
}
