import type { ClickHouseClient } from '@clickhouse/client';
import { ApiError } from '../api/errors.js';
import { sqlQuery } from '../sql/query-files.js';
import { selectRows } from '../sql/select-rows.js';
import { timeParams, type TimeRange } from './event-search.js';
import { CATEGORIES, lookupField } from './query-language/index.js';

/**
 * Autocomplete of values in the query bar: the values of a field that begin with what was typed, from the
 * participant's own events (a device by its host name, from its devices). Bounded: a few values, the explorer's
 * range, and a time limit after which the engine answers with what it has read (an autocomplete that waits is
 * worse than a shorter list). Only fields that hold whole values are offered; free text (message, paths) is not.
 */
export const MAX_VALUES = 20;
const VALUE_MARK = /\/\* value-column \*\/ category/g;
const TIME_LIMIT_SECONDS = 2;

export interface FieldValuesRequest {
  scope: readonly string[];
  field: string;
  prefix: string;
  range: TimeRange;
  limit: number;
}

export class FieldValues {
  constructor(private readonly client: ClickHouseClient) {}

  async values(request: FieldValuesRequest): Promise<{ field: string; values: { value: string; count: number }[] }> {
    const field = lookupField(request.field);
    if (!field || !['keyword', 'enum', 'device'].includes(field.kind))
      throw new ApiError(
        400,
        'invalid_request',
        `"field": values are offered for fields holding whole values (user, domain, serial, device, category …), not for "${request.field}".`,
        [{ path: 'field', message: 'not a field with whole values' }],
      );
    const prefix = request.prefix.toLowerCase();
    if (field.kind === 'enum' && field.column === 'category') {
      // The categories are a fixed list: no need to read events for them.
      const values = CATEGORIES.filter((c) => c.value.startsWith(prefix)).map((c) => ({ value: c.value, count: 0 }));
      return { field: field.name, values: values.slice(0, request.limit) };
    }
    const params = { scope: request.scope, prefix, limit: request.limit, ...timeParams(request.range) };
    const rows =
      field.kind === 'device'
        ? await selectRows<{ value: string; n: string }>(
            this.client,
            'investigation/device-name-values',
            params,
            'explorer:field-values',
          )
        : await this.eventValues(field.column, params);
    return { field: field.name, values: rows.map((row) => ({ value: row.value, count: Number(row.n) })) };
  }

  private async eventValues(column: string, params: Record<string, unknown>) {
    const result = await this.client.query({
      // sql-paste-ok: the marker becomes a catalogue column name (lookupField); every value is a parameter
      query: sqlQuery('investigation/field-values').replace(VALUE_MARK, column),
      query_params: params,
      format: 'JSONEachRow',
      clickhouse_settings: {
        log_comment: 'explorer:field-values',
        max_execution_time: TIME_LIMIT_SECONDS,
        timeout_overflow_mode: 'break',
      },
    });
    return result.json<{ value: string; n: string }>();
  }
}
