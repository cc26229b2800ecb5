import { ApiError } from '../api/errors.js';
import { lookupField } from './query-language/index.js';

/**
 * The explorer's order by a column (`sort=<field>&dir=asc|desc`): the field is looked up in the query language's
 * catalogue, so only a fixed expression over a catalogue column reaches the SQL text. Among equal values the
 * newest event comes first, and the (value, time, device, seq) cursor makes every page exact: the page after a
 * cursor holds the rows strictly after it in that order, so no row is skipped or repeated however many share
 * a value. A column order cannot use the table's sort key: it reads every matching row of the range.
 */
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export interface ColumnSort {
  field: string;
  direction: SortDirection;
}

export interface ResolvedSort extends ColumnSort {
  /** The SQL expression sorted on: a catalogue column, or a fixed expression of one. */
  expression: string;
  /** The query parameter type the cursor's value is sent as. */
  valueType: 'String' | 'UInt64';
}

// A device sorts by its host name; the pairs are sorted in the subquery so both arrays are in the same order.
const HOST_PAIRS =
  '(SELECT arraySort(groupArray((device_id, hostname))) FROM devices_current WHERE participant_id IN {scope:Array(UUID)})';
const HOST_EXPRESSION = `transform(device_id, arrayMap(p -> p.1, ${HOST_PAIRS}), arrayMap(p -> p.2, ${HOST_PAIRS}), '')`;

/** The catalogue field to order by, or 400 naming what was wrong. The device sorts by host name. */
export function resolveSort(sort: ColumnSort): ResolvedSort {
  const field = lookupField(sort.field);
  if (!field || field.kind === 'uuid')
    throw new ApiError(
      400,
      'invalid_request',
      `"sort": "${sort.field}" is not a field of the query language the results can be ordered by.`,
      [{ path: 'sort', message: 'not a sortable field' }],
    );
  const base = { field: field.name, direction: sort.direction };
  if (field.kind === 'device') return { ...base, expression: HOST_EXPRESSION, valueType: 'String' };
  // The categories in the catalogue's order (the enum's numbers), the same in both languages.
  if (field.kind === 'enum') return { ...base, expression: `CAST(${field.column}, 'UInt8')`, valueType: 'UInt64' };
  if (field.kind === 'number') return { ...base, expression: field.column, valueType: 'UInt64' };
  return { ...base, expression: field.column, valueType: 'String' };
}

const SORT_MARK = '/* sort-value */ user_name';
const DIRECTION_MARK = /\/\* direction \*\/ ASC/g;
const AFTER_MARK = /\/\* after \*\/ >/g;
const VALUE_PARAM = /\{cursorValue:String\}/g;

/** The sorted search's SQL text with the sort's fixed parts in place (the filter is put in by the caller). */
export function sortedSearchSql(text: string, sort: ResolvedSort): string {
  const descending = sort.direction === 'desc';
  return (
    text
      // sql-paste-ok: the expression is fixed text over a catalogue column (resolveSort); values are parameters
      .replace(SORT_MARK, `${sort.expression}`)
      .replace(DIRECTION_MARK, descending ? 'DESC' : 'ASC')
      .replace(AFTER_MARK, descending ? '<' : '>')
      .replace(VALUE_PARAM, `{cursorValue:${sort.valueType}}`)
  );
}

export interface SortCursor {
  cursorValue: string;
  cursorTime: string;
  cursorDevice: string;
  cursorSeq: string;
}

export function encodeSortCursor(sort: ResolvedSort, row: Record<string, unknown>): string {
  const key = [sort.field, sort.direction, String(row.sort_value), row.time, row.device_id, String(row.seq)];
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The cursor's position, refused when it was given out for another order (its rows would not follow on). */
export function decodeSortCursor(sort: ResolvedSort, cursor: string): SortCursor {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = null;
  }
  const [field, direction, value, time, device, seq] = Array.isArray(key) ? (key as unknown[]) : [];
  if (Array.isArray(key) && (field !== sort.field || direction !== sort.direction))
    throw new ApiError(
      400,
      'invalid_request',
      `The cursor belongs to another order (${String(field)} ${String(direction)}); start the search again.`,
    );
  const valid =
    typeof value === 'string' &&
    (sort.valueType === 'String' || /^\d{1,20}$/.test(value)) &&
    typeof time === 'string' &&
    /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(time) &&
    typeof device === 'string' &&
    /^[0-9a-f-]{36}$/.test(device) &&
    typeof seq === 'string' &&
    /^\d+$/.test(seq);
  if (!valid)
    throw new ApiError(400, 'invalid_request', 'The cursor is not one this API gave out; start the search again.');
  return { cursorValue: value, cursorTime: time, cursorDevice: device, cursorSeq: seq };
}

/** The first page: no cursor condition (the parameters still need values of their types). */
export const FIRST_PAGE: SortCursor & { first: boolean } = {
  first: true,
  cursorValue: '0',
  cursorTime: '1970-01-01 00:00:00.000',
  cursorDevice: '00000000-0000-0000-0000-000000000000',
  cursorSeq: '0',
};
