import { z } from 'zod';
import { rawResponse, uuidParam, type RouteTable } from '../api/route-table.js';
import * as contract from '../contract/index.js';
import { spreadsheetCsv } from '../common/spreadsheet-csv.js';
import { rangeOf } from './explorer-routes.js';
import { AGGREGATE_FUNCTIONS, MAX_GROUPS, type FieldAggregates } from './field-aggregates.js';
import { MAX_VALUES, type FieldValues } from './field-values.js';

/**
 * Field statistics and aggregates over the matching events (scope "participant"): the top values of a field
 * (`fn=count&by=user`), the sum of a number field per group (`fn=sum&of=bytes&by=user`), distinct values per
 * group (`fn=uniq&of=domain&by=device`); as JSON, or as CSV to download.
 */
const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with offset' });
const aggregateQuery = z.object({
  q: z.string().max(4000).default(''),
  from: instant.optional(),
  to: instant.optional(),
  fn: z.enum(AGGREGATE_FUNCTIONS).default('count'),
  of: z.string().max(80).optional(),
  by: z.string().min(1).max(80),
  limit: z.coerce.number().int().min(1).max(MAX_GROUPS).default(100),
});
const path = z.object({ participantId: uuidParam });

export function aggregateRoutes(
  routes: RouteTable,
  aggregates: FieldAggregates,
  fieldValues: FieldValues,
  scopeOf: (participantId: string) => Promise<string[]>,
): void {
  const run = async (participantId: string, query: z.infer<typeof aggregateQuery>) =>
    aggregates.aggregate({
      scope: await scopeOf(participantId),
      q: query.q,
      range: rangeOf(query),
      fn: query.fn,
      of: query.of,
      by: query.by,
      limit: query.limit,
    });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/events/aggregate',
    response: contract.aggregate,
    scope: 'participant',
    tag: 'log explorer',
    summary: 'Matching events grouped by a field: count, sum of a number field, or distinct values; largest first',
    audit: 'log aggregate',
    params: path,
    query: aggregateQuery,
    async handler(c, { params, query }) {
      return await run(params.participantId, query);
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/events/aggregate.csv',
    response: rawResponse('The groups and their values as CSV (Excel-readable UTF-8)', 'text/csv'),
    scope: 'participant',
    tag: 'log explorer',
    summary: 'The same aggregate as a CSV download',
    audit: 'log aggregate export',
    params: path,
    query: aggregateQuery,
    async handler(c, { params, query }) {
      const result = await run(params.participantId, query);
      const valueName = query.fn === 'count' ? 'count' : `${query.fn}(${query.of ?? ''})`;
      c.header('Content-Disposition', `attachment; filename="yorozu-aggregate-${query.fn}-by-${result.field}.csv"`);
      return c.body(
        spreadsheetCsv(
          [result.field, valueName],
          result.rows.map((row) => [row.key, row.value]),
        ),
        200,
        { 'content-type': 'text/csv; charset=utf-8' },
      );
    },
  });

  routes.add({
    method: 'get',
    path: '/api/v1/participants/:participantId/events/values',
    response: contract.fieldValues,
    scope: 'participant',
    tag: 'log explorer',
    summary:
      "Autocomplete: the values of a field in the participant's events of the range that begin with what was typed, most frequent first (bounded in count and time)",
    audit: 'log field values (autocomplete)',
    params: path,
    query: z.object({
      field: z.string().min(1).max(80),
      prefix: z.string().max(200).default(''),
      from: instant.optional(),
      to: instant.optional(),
      limit: z.coerce.number().int().min(1).max(MAX_VALUES).default(10),
    }),
    async handler(c, { params, query }) {
      return fieldValues.values({
        scope: await scopeOf(params.participantId),
        field: query.field,
        prefix: query.prefix,
        range: rangeOf(query, 24 * 7),
        limit: query.limit,
      });
    },
  });
}
