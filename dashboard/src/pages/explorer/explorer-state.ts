/**
 * The explorer's state is its address: `?q=…&range=24h` or `?q=…&from=ISO&to=ISO`, and the result view's
 * `cols=` (the columns shown, event column names; absent = the default), `sort=oldest` or `sort=column:asc|desc` (absent =
 * newest first) and `split=` (the histogram's split field; absent = by category). These functions
 * read and write it, so a search can be shared as a link and the back button returns to the last one.
 */
export const RANGE_PRESETS = ['15m', '1h', '24h', '7d', '30d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_RANGE: RangePreset = '24h';

/** The instants a search covers. */
export interface TimeWindow {
  from: Date;
  to: Date;
}

export type RangeChoice = { kind: 'relative'; key: string } | { kind: 'absolute'; from: Date; to: Date };

/** The order by time. */
export type SortOrder = 'newest' | 'oldest';
/** The order by a column (an event column name), then newest first among equal values. */
export interface ColumnOrder {
  column: string;
  direction: 'asc' | 'desc';
}
export type ResultOrder = SortOrder | ColumnOrder;
const COLUMN_ORDER = /^([a-z][a-z_]{0,39}):(asc|desc)$/;
/** The columns between the time and the summary when the address names none. */
export const DEFAULT_COLUMNS: readonly string[] = ['hostname', 'category', 'user_name'];
const MAX_COLUMNS = 12;
const COLUMN_NAME = /^[a-z][a-z_]{0,39}$/;

export interface SearchState {
  q: string;
  range: RangeChoice;
  /** Event column names; the results table shows only those it knows (the catalogue's). */
  cols?: readonly string[];
  sort?: ResultOrder;
  /** The field the histogram is split by (a catalogue name); absent = by category. */
  split?: string;
}

/** `sort=` in the address: `oldest`, or `column:asc|desc`; absent = newest first. */
export function sortParam(sort: ResultOrder | undefined): string | null {
  if (!sort || sort === 'newest') return null;
  return sort === 'oldest' ? 'oldest' : `${sort.column}:${sort.direction}`;
}

export function readSortParam(value: string | null): ResultOrder | undefined {
  if (value === 'oldest') return 'oldest';
  const match = COLUMN_ORDER.exec(value ?? '');
  return match ? { column: match[1]!, direction: match[2] as 'asc' | 'desc' } : undefined;
}

function viewOf(params: URLSearchParams): Pick<SearchState, 'cols' | 'sort' | 'split'> {
  const cols = params.get('cols');
  const view: Pick<SearchState, 'cols' | 'sort' | 'split'> = {};
  if (cols !== null)
    view.cols = [...new Set(cols.split(',').filter((name) => COLUMN_NAME.test(name)))].slice(0, MAX_COLUMNS);
  const sort = readSortParam(params.get('sort'));
  if (sort) view.sort = sort;
  const split = params.get('split');
  if (split && COLUMN_NAME.test(split) && split !== 'category') view.split = split;
  return view;
}

/** The same columns as the default are not written to the address. */
function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, index) => name === b[index]);
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
const RELATIVE = /^(\d{1,4})([mhd])$/;

/** How long a relative range is, e.g. "24h" → 86,400,000 ms; null when it is not one. */
export function relativeDuration(key: string): number | null {
  const match = RELATIVE.exec(key);
  if (!match) return null;
  const amount = Number(match[1]);
  return amount > 0 ? amount * (UNIT_MS[match[2] ?? ''] ?? 0) : null;
}

export function readSearchState(search: string | URLSearchParams): SearchState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const q = params.get('q') ?? '';
  const from = new Date(params.get('from') ?? '');
  const to = new Date(params.get('to') ?? '');
  if (!Number.isNaN(from.getTime()) && !Number.isNaN(to.getTime()) && from < to)
    return { q, range: { kind: 'absolute', from, to }, ...viewOf(params) };
  const key = params.get('range') ?? '';
  return { q, range: { kind: 'relative', key: relativeDuration(key) ? key : DEFAULT_RANGE }, ...viewOf(params) };
}

/** `?q=…&range=…` or `?q=…&from=…&to=…` (then `cols`, `sort`, `split`), in a fixed order so equal states give equal addresses. */
export function searchStateQuery(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.range.kind === 'relative') params.set('range', state.range.key);
  else {
    params.set('from', state.range.from.toISOString());
    params.set('to', state.range.to.toISOString());
  }
  if (state.cols && !sameColumns(state.cols, DEFAULT_COLUMNS)) params.set('cols', state.cols.join(','));
  const sort = sortParam(state.sort);
  if (sort) params.set('sort', sort);
  if (state.split && state.split !== 'category') params.set('split', state.split);
  return `?${params.toString()}`;
}

/** The instants a search covers; a relative range ends now. */
export function resolveRange(range: RangeChoice, now = new Date()): TimeWindow {
  if (range.kind === 'absolute') return { from: range.from, to: range.to };
  const duration = relativeDuration(range.key) ?? relativeDuration(DEFAULT_RANGE)!;
  return { from: new Date(now.getTime() - duration), to: now };
}

export function explorerPath(participantId: string): string {
  return `/participants/${participantId}/explorer`;
}
