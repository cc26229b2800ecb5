import { fromClickHouseTime } from '../common/clickhouse-time.js';
import type { EventRow } from './event-search.js';

/**
 * CSV for spreadsheet users in Japan: UTF-8 with a byte-order mark (Excel reads it as UTF-8), CRLF
 * line ends, every field quoted, time in UTC and JST both. Columns are those any row has set.
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
  const header = ['time_jst', ...columns];
  const lines = [
    header,
    ...events.map((event) => [jst(String(event.time)), ...columns.map((column) => text(event[column]))]),
  ];
  return `\uFEFF${lines.map((cells) => cells.map(quote).join(',')).join('\r\n')}\r\n`;
}

/** A table of cells as the same Excel-readable CSV (an aggregate's groups). */
export function tableAsCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const lines = [header, ...rows].map((cells) => cells.map((cell) => quote(String(cell))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
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

function quote(cell: string): string {
  // A leading = + - @ (or tab, carriage return, | which spreadsheets also read as the start of a formula or
  // a DDE call) would run in a spreadsheet: prefix it so it stays text (OWASP "CSV injection").
  const safe = /^[=+\-@\t\r|]/.test(cell) ? `'${cell}` : cell;
  return `"${safe.replace(/"/g, '""')}"`;
}

function jst(utcText: string): string {
  const at = fromClickHouseTime(utcText);
  return Number.isNaN(at.getTime())
    ? ''
    : new Date(at.getTime() + 9 * 3_600_000).toISOString().replace('T', ' ').slice(0, 23);
}
