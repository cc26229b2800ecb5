import type { ClickHouseClient } from '@clickhouse/client';
import { sqlQuery } from './query-files.js';

/** Runs a query file with its parameters, tagged (`log_comment`) with the query's name or the caller's tag. */
export async function selectRows<T>(
  client: ClickHouseClient,
  name: `${string}/${string}`,
  params: Record<string, unknown> = {},
  tag: string = name,
): Promise<T[]> {
  const result = await client.query({
    query: sqlQuery(name),
    query_params: params,
    format: 'JSONEachRow',
    clickhouse_settings: { log_comment: tag },
  });
  return result.json<T>();
}
