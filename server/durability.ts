import { WRITER_TABLES } from '../ingest/table-writers.js';
import type { Database } from './clickhouse.js';

/** Tables whose rows an agent was told are safe once the insert returned: the ingest writers' tables. */
export const ACKNOWLEDGED_TABLES = Object.values(WRITER_TABLES);

/**
 * An insert that has returned survives a crash of the process either way (its part is written);
 * with fsync on it also survives a power cut, at the cost of an fsync per part. The setting is a
 * MergeTree table setting, so it is applied to the tables rather than to the queries.
 */
export async function applyInsertDurability(database: Database, fsync: boolean): Promise<void> {
  const value = fsync ? 1 : 0;
  for (const table of ACKNOWLEDGED_TABLES) {
    await database.client.command({
      query:
        'ALTER TABLE {table:Identifier} MODIFY SETTING fsync_after_insert = {value:UInt8}, fsync_part_directory = {value:UInt8}',
      query_params: { table: database.cluster ? `${table}_local` : table, value },
    });
  }
}
