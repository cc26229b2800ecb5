import { fromClickHouseTime } from '../common/clickhouse-time.js';
import { spreadsheetCsv } from '../common/spreadsheet-csv.js';
import type { EventRow } from './event-search.js';

/**
 * The explorer's events as CSV for a spreadsheet (common/spreadsheet-csv.ts writes it: byte-order mark, CRLF, every
 * field quoted, formulas kept as text), with the time in UTC and JST both. Columns are those any row has set.
 */
const FIRST = ['time', 'hostname', 'device_id', 'seq', 'category', 'action', 'user_name', 'message'];

export function eventsAsCsv(events: readonly EventRow[]): string {
  const present = new Set<string>();
  for (const event of events) for (const [key, value] of Object.entries(event)) if (hasValue(value)) present.add(key);
  present.delete('participant_id');
  const columns = [
    ...FIRST.filter((c) => present.has(c) || c === 'time'),
    ...[...present].filter((c) => !FIRST.includes(c)).sort(),
  ];
  return spreadsheetCsv(
    ['time_jst', ...columns],
    events.map((event) => [jst(String(event.time)), ...columns.map((column) => text(event[column]))]),
  );
}

function hasValue(value: unknown): boolean {
  if (value === '' || value === null || value === undefined || value === 0 || value === '0') return false;
  if (typeof value === 'object') return Object.keys(value as object).length > 0;
  return true;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function jst(utcText: string): string {
  const at = fromClickHouseTime(utcText);
  return Number.isNaN(at.getTime())
    ? ''
    : new Date(at.getTime() + 9 * 3_600_000).toISOString().replace('T', ' ').slice(0, 23);
}
