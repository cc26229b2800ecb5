import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { sqlQuery } from './query-files.js';

/**
 * Compare-and-swap on an append-only ClickHouse table. A change is written as version n+1 with
 * insert_deduplication_token "<table>:<id>:<n+1>": when two writers race for the same version, the
 * engine commits the first block and silently drops the second (the table keeps a deduplication
 * window, see migrations 0013 and 0015). Each writer then reads which write_id holds that version:
 * exactly one of them finds its own and has written; the other gets `false` and must re-read.
 *
 * The tables using this carry `version UInt32`, `write_id UUID` and `changed_at DateTime64(6)`.
 */
export type VersionedTable = 'participants' | 'accounts' | 'tickets';

const ID_COLUMN: Record<VersionedTable, string> = {
  participants: 'participant_id',
  accounts: 'account_id',
  tickets: 'ticket_id',
};

export async function writeVersion(
  client: ClickHouseClient,
  table: VersionedTable,
  id: string,
  version: number,
  row: Record<string, unknown>,
  tag: string,
): Promise<boolean> {
  const idColumn = ID_COLUMN[table];
  const writeId = randomUUID();
  await client.insert({
    table,
    values: [{ ...row, [idColumn]: id, version, write_id: writeId }],
    format: 'JSONEachRow',
    // On a replicated cluster: the write is acknowledged by a majority of replicas, and the read-back
    // below sees every quorum write whichever replica answers (no effect on a single node).
    clickhouse_settings: {
      insert_deduplicate: 1,
      insert_deduplication_token: `${table}:${id}:${version}`,
      insert_quorum: 'auto',
      insert_quorum_parallel: 0,
      log_comment: tag,
    },
  });
  const result = await client.query({
    query: sqlQuery('state/version-winner'),
    query_params: { table, idColumn, id, version },
    format: 'JSONEachRow',
    clickhouse_settings: { select_sequential_consistency: '1', log_comment: `${tag}:winner` },
  });
  const [winner] = await result.json<{ write_id: string }>();
  return winner?.write_id === writeId;
}
