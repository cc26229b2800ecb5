import type { ClickHouseClient } from '@clickhouse/client';
import { ApiError } from '../api/errors.js';
import { sqlQuery } from '../sql/query-files.js';
import { selectRows } from '../sql/select-rows.js';
import { compiled, timeParams, type TimeRange } from './event-search.js';
import { lookupField, type FieldDefinition } from './query-language/index.js';

/**
 * Field statistics (the top values of a field over the matching events, with their counts) and aggregates
 * (`count`, `sum` of a number field or `uniq` of any field, grouped by a field). Field names are looked up in
 * the query language's catalogue: only its column names reach the SQL text; every value is a parameter.
 * A group by device shows the host name, and its value is what the query language's `device:` takes.
 */
export const AGGREGATE_FUNCTIONS = ['count', 'sum', 'uniq'] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];
export const MAX_GROUPS = 500;

export interface AggregateRequest {
  scope: readonly string[];
  q: string;
  range: TimeRange;
  fn: AggregateFunction;
  /** The field summed or counted distinct (not for count). */
  of: string | undefined;
  by: string;
  limit: number;
}

const GROUP_MARK = '/* group-column */ category';
const AGGREGATE_MARK = '/* aggregate */ count()';

export class FieldAggregates {
  constructor(private readonly client: ClickHouseClient) {}

  async aggregate(request: AggregateRequest): Promise<{ field: string; rows: { key: string; value: number }[] }> {
    const filter = compiled(request.q);
    const by = groupable(request.by, 'by');
    const aggregate = aggregateExpression(request.fn, request.of);
    // sql-paste-ok: both markers become catalogue column names (lookupField) and a fixed function; values are parameters
    const text = sqlQuery('investigation/field-aggregate')
      .replace(GROUP_MARK, by.column)
      .replace(AGGREGATE_MARK, aggregate);
    // sql-paste-ok: the compiled filter holds only catalogue column names and {qN:Type} placeholders
    const query = text.replace('/* query-filter */ 1', filter.sql);
    const result = await this.client.query({
      query,
      query_params: { ...filter.params, scope: request.scope, ...timeParams(request.range), limit: request.limit },
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: `explorer:aggregate:${request.fn}` },
    });
    const rows = (await result.json<{ key: string; value: string | number }>()).map((row) => ({
      key: row.key,
      value: Number(row.value),
    }));
    if (by.kind !== 'device') return { field: by.name, rows };
    const names = await selectRows<{ device_id: string; hostname: string }>(
      this.client,
      'investigation/device-hostnames',
      { devices: rows.map((row) => row.key) },
      'explorer:aggregate',
    );
    const hostOf = new Map(names.map((row) => [row.device_id, row.hostname]));
    return { field: by.name, rows: rows.map((row) => ({ ...row, key: hostOf.get(row.key) ?? row.key })) };
  }
}

function groupable(name: string, parameter: string): FieldDefinition {
  const field = lookupField(name);
  if (!field || field.kind === 'text')
    throw new ApiError(
      400,
      'invalid_request',
      `"${parameter}" must name a field of the query language that holds whole values (not free text like message): "${name}" is not one.`,
    );
  return field;
}

function aggregateExpression(fn: AggregateFunction, of: string | undefined): string {
  if (fn === 'count') return 'count()';
  if (!of)
    throw new ApiError(
      400,
      'invalid_request',
      `"${fn}" needs "of": the field to ${fn === 'sum' ? 'add up' : 'count distinct'}.`,
    );
  const field = lookupField(of);
  if (!field) throw new ApiError(400, 'invalid_request', `"of": "${of}" is not a field of the query language.`);
  if (fn === 'sum') {
    if (field.kind !== 'number')
      throw new ApiError(400, 'invalid_request', `"of": only a number field can be summed; "${of}" is not one.`);
    return `sum(${field.column})`;
  }
  return `uniq(${field.column})`;
}
