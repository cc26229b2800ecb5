import type { ClickHouseClient } from '@clickhouse/client';
import { ApiError } from '../api/errors.js';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { sqlQuery } from '../sql/query-files.js';
import { selectRows } from '../sql/select-rows.js';
import {
  decodeSortCursor,
  encodeSortCursor,
  FIRST_PAGE,
  resolveSort,
  sortedSearchSql,
  type ColumnSort,
} from './event-sort.js';
import { bucketSecondsFor, bucketStarts } from './histogram-buckets.js';
import { splitCounts, splitField, splitSql, topValues, type SplitRow } from './histogram-split.js';
import {
  compileQuery,
  queryWarnings,
  type CompiledQuery,
  type FieldDefinition,
  type QueryWarning,
} from './query-language/index.js';

/**
 * The log explorer's reads over `events`: search (paged by a time cursor), histogram, context around
 * a hit, live tail and export. Every read is limited to the participants in `scope` (a participant
 * and the predecessors it succeeded) and to a time range; the user's query is compiled to a filter
 * that holds only catalogue columns and parameters.
 */
export type EventRow = Record<string, unknown> & { device_id: string; time: string; seq: string; category: string };

export interface TimeRange {
  from: Date;
  to: Date;
}

const FILTER_MARK = '/* query-filter */ 1';
const NO_CURSOR = { cursorDevice: 'ffffffff-ffff-ffff-ffff-ffffffffffff', cursorSeq: '18446744073709551615' };
const NO_CURSOR_OLDEST = { cursorDevice: '00000000-0000-0000-0000-000000000000', cursorSeq: '0' };
/** The order of the results: by (time, device, seq), so a page's cursor is exact either way. */
export const SEARCH_ORDERS = ['newest', 'oldest'] as const;
export type SearchOrder = (typeof SEARCH_ORDERS)[number];
export const EXPORT_MAX_ROWS = 100_000;

export class EventSearch {
  constructor(private readonly client: ClickHouseClient) {}

  async search(
    scope: readonly string[],
    text: string,
    range: TimeRange,
    limit: number,
    cursor: string | undefined,
    order: SearchOrder | ColumnSort = 'newest',
  ): Promise<{ events: EventRow[]; nextCursor: string | null; warnings: QueryWarning[] }> {
    if (typeof order === 'object') return this.searchSorted(scope, text, range, limit, cursor, order);
    const filter = compiled(text);
    // Oldest first starts just before `from` (the range's own bound keeps earlier rows out).
    const start =
      order === 'newest'
        ? { cursorTime: toClickHouseTime(range.to.getTime()), ...NO_CURSOR }
        : { cursorTime: toClickHouseTime(range.from.getTime() - 1), ...NO_CURSOR_OLDEST };
    const after = cursor ? decodeCursor(cursor) : start;
    const events = await this.run<EventRow>(
      order === 'newest' ? 'investigation/search-events' : 'investigation/search-events-oldest',
      filter,
      { scope, ...timeParams(range), ...after, limit },
      'explorer:search',
    );
    const last = events.at(-1);
    return {
      events,
      nextCursor: events.length === limit && last ? encodeCursor(last) : null,
      warnings: queryWarnings(text),
    };
  }

  /** Ordered by a column (then newest first among equal values), paged by a (value, time, device, seq) cursor. */
  private async searchSorted(
    scope: readonly string[],
    text: string,
    range: TimeRange,
    limit: number,
    cursor: string | undefined,
    columnSort: ColumnSort,
  ): Promise<{ events: EventRow[]; nextCursor: string | null; warnings: QueryWarning[] }> {
    const filter = compiled(text);
    const sort = resolveSort(columnSort);
    const after = cursor ? { first: false, ...decodeSortCursor(sort, cursor) } : FIRST_PAGE;
    const rows = await this.run<EventRow>(
      'investigation/search-events-sorted',
      filter,
      { scope, ...timeParams(range), ...after, limit },
      `explorer:search:${sort.field}`,
      (sql) => sortedSearchSql(sql, sort),
    );
    const last = rows.at(-1);
    const nextCursor = rows.length === limit && last ? encodeSortCursor(sort, last) : null;
    // The sort value is the cursor's business (a host name or a category's number), not a field of the event.
    const events = rows.map(({ sort_value: _sortValue, ...event }) => event as EventRow);
    return { events, nextCursor, warnings: queryWarnings(text) };
  }

  async histogram(scope: readonly string[], text: string, range: TimeRange, split?: string) {
    const filter = compiled(text);
    const field = split ? splitField(split) : undefined;
    if (field && field.column !== 'category') return this.splitHistogram(scope, filter, range, field);
    const bucketSeconds = bucketSecondsFor(range.from, range.to);
    const rows = await this.run<{ bucket: string | number; category: string; n: string | number }>(
      'investigation/histogram',
      filter,
      { scope, ...timeParams(range), bucketSeconds },
      'explorer:histogram',
    );
    const byBucket = new Map<number, Record<string, number>>();
    let total = 0;
    for (const row of rows) {
      const start = Number(row.bucket) * 1000;
      const counts = byBucket.get(start) ?? {};
      counts[row.category] = Number(row.n);
      total += Number(row.n);
      byBucket.set(start, counts);
    }
    const buckets = bucketStarts(range.from, range.to, bucketSeconds).map((start) => ({
      t: new Date(start).toISOString(),
      counts: byBucket.get(start) ?? {},
    }));
    return { from: range.from.toISOString(), to: range.to.toISOString(), bucketSeconds, total, buckets };
  }

  /** Split by a field other than the category: its most frequent values, the rest as `other`. */
  private async splitHistogram(
    scope: readonly string[],
    filter: Extract<CompiledQuery, { ok: true }>,
    range: TimeRange,
    field: FieldDefinition,
  ) {
    const bucketSeconds = bucketSecondsFor(range.from, range.to);
    const rows = (
      await this.run<{ bucket: string | number; value: string; n: string | number }>(
        'investigation/histogram-split',
        filter,
        { scope, ...timeParams(range), bucketSeconds },
        `explorer:histogram:${field.name}`,
        (sql) => splitSql(sql, field),
      )
    ).map((row): SplitRow => ({ bucket: Number(row.bucket), value: row.value, n: Number(row.n) }));
    const top = topValues(rows);
    // A device is shown (and filtered by the query language's device:) by its host name.
    const hostOf =
      field.kind === 'device'
        ? new Map(
            (
              await selectRows<{ device_id: string; hostname: string }>(
                this.client,
                'investigation/device-hostnames',
                { devices: top },
                'explorer:histogram',
              )
            ).map((row) => [row.device_id, row.hostname]),
          )
        : new Map<string, string>();
    const labelOf = (value: string) => hostOf.get(value) ?? value;
    const byBucket = splitCounts(rows, new Set(top), labelOf);
    const buckets = bucketStarts(range.from, range.to, bucketSeconds).map((start) => ({
      t: new Date(start).toISOString(),
      counts: byBucket.get(start)?.counts ?? {},
      other: byBucket.get(start)?.other ?? 0,
    }));
    return {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      bucketSeconds,
      total: rows.reduce((sum, row) => sum + row.n, 0),
      buckets,
      split: {
        field: field.name,
        column: field.kind === 'device' ? 'hostname' : field.column,
        values: [...new Set(top.map(labelOf))],
      },
    };
  }

  async context(
    scope: readonly string[],
    device: string,
    time: string,
    seq: string,
    n: number,
  ): Promise<{ before: EventRow[]; hit: EventRow; after: EventRow[] }> {
    const params = { scope, device, time: normaliseTime(time), seq, n };
    const [before, from] = await Promise.all([
      selectRows<EventRow>(this.client, 'investigation/context-before', params, 'explorer:context'),
      selectRows<EventRow>(this.client, 'investigation/context-from', { ...params, n: n + 1 }, 'explorer:context'),
    ]);
    const [hit, ...after] = from;
    if (!hit || hit.seq !== String(seq) || normaliseTime(hit.time) !== params.time)
      throw new ApiError(404, 'not_found', 'No such event on this device for this participant.');
    return { before, hit, after };
  }

  /** Matching events received in (since, until], oldest first. */
  tail(
    scope: readonly string[],
    filter: Extract<CompiledQuery, { ok: true }>,
    since: Date,
    until: Date,
    limit = 500,
  ): Promise<EventRow[]> {
    const oldest = new Date(until.getTime() - 86_400_000);
    return this.run<EventRow>(
      'investigation/tail-events',
      filter,
      {
        scope,
        oldest: toClickHouseTime(oldest.getTime()),
        since: toClickHouseTime(since.getTime()),
        until: toClickHouseTime(until.getTime()),
        limit,
      },
      'explorer:tail',
    );
  }

  async export(scope: readonly string[], text: string, range: TimeRange): Promise<EventRow[]> {
    const { events } = await this.search(scope, text, range, EXPORT_MAX_ROWS, undefined);
    return events;
  }

  private run<T>(
    name: `${string}/${string}`,
    filter: Extract<CompiledQuery, { ok: true }>,
    params: Record<string, unknown>,
    tag: string,
    fixedParts: (sql: string) => string = (sql) => sql,
  ): Promise<T[]> {
    // sql-paste-ok: the compiled filter holds only catalogue column names and {qN:Type} placeholders; every value is in filter.params
    const text = fixedParts(sqlQuery(name)).replace(FILTER_MARK, filter.sql);
    return this.client
      .query({
        query: text,
        query_params: { ...filter.params, ...params },
        format: 'JSONEachRow',
        clickhouse_settings: { log_comment: tag },
      })
      .then((result) => result.json<T>());
  }
}

/** Compiles the user's query, or answers 400 with where it is wrong. */
export function compiled(text: string): Extract<CompiledQuery, { ok: true }> {
  const result = compileQuery(text);
  if (result.ok) return result;
  throw new ApiQueryError(result.error);
}

export class ApiQueryError extends ApiError {
  constructor(query: Extract<CompiledQuery, { ok: false }>['error']) {
    super(400, 'invalid_query', `The query is invalid at position ${query.position}: ${query.message.en}`, undefined, {
      query,
    });
  }
}

export function timeParams(range: TimeRange) {
  if (!(range.from < range.to))
    throw new ApiError(400, 'invalid_request', 'The time range is empty: "from" must be before "to".');
  return { from: toClickHouseTime(range.from.getTime()), to: toClickHouseTime(range.to.getTime()) };
}

function encodeCursor(row: EventRow): string {
  return Buffer.from(JSON.stringify([row.time, row.device_id, String(row.seq)])).toString('base64url');
}

function decodeCursor(cursor: string): { cursorTime: string; cursorDevice: string; cursorSeq: string } {
  try {
    const [time, device, seq] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
      string,
    ];
    if (!/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(time) || !/^[0-9a-f-]{36}$/.test(device) || !/^\d+$/.test(seq))
      throw new Error('shape');
    return { cursorTime: time, cursorDevice: device, cursorSeq: seq };
  } catch {
    throw new ApiError(400, 'invalid_request', 'The cursor is not one this API gave out; start the search again.');
  }
}

/** Accepts the engine's text form or ISO 8601, returns the engine's text form in UTC. */
export function normaliseTime(value: string): string {
  if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(value))
    return value.length === 19 ? `${value}.000` : value.slice(0, 23).padEnd(23, '0');
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw new ApiError(400, 'invalid_request', `"${value}" is not a time.`);
  return toClickHouseTime(parsed);
}
