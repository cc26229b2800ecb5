import { openDatabase } from '../server/clickhouse.js';
import { loadConfig } from '../server/config.js';

/**
 * Run as its own process on a data directory the gateway has filled and left (chDB binds one
 * directory per process). Merges `events` completely (`OPTIMIZE TABLE events FINAL`, which also
 * collapses re-sent copies), then prints, as JSON, the bytes on disk of its active parts (data,
 * marks, primary and skip indexes, checksums: everything a part holds) and the compressed bytes of
 * each column.
 *
 * usage: storage-process.ts <dataDir>
 */
const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: storage-process <dataDir>');
const database = await openDatabase(loadConfig({ YOROZU_DATA_DIR: dataDir }));
const client = database.client;
const where = { db: database.databaseName, table: 'events' };

async function rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return (await client.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>();
}
const partsNow = async () =>
  (
    await rows<{ bytes: string; rows: string; parts: string }>(
      'SELECT sum(bytes_on_disk) AS bytes, sum(rows) AS rows, count() AS parts FROM system.parts WHERE database = {db:String} AND table = {table:String} AND active',
      where,
    )
  )[0]!;

const before = await partsNow();
const started = performance.now();
await client.command({ query: 'OPTIMIZE TABLE events FINAL' });
const optimizeSeconds = (performance.now() - started) / 1000;
const after = await partsNow();
const columns = await rows<{ name: string; compressed: string; uncompressed: string }>(
  `SELECT column AS name, sum(column_data_compressed_bytes) AS compressed, sum(column_data_uncompressed_bytes) AS uncompressed
FROM system.parts_columns WHERE database = {db:String} AND table = {table:String} AND active
GROUP BY column ORDER BY compressed DESC`,
  where,
);
const [version] = await rows<{ v: string }>('SELECT version() AS v');

process.stdout.write(
  JSON.stringify({
    engine: version!.v,
    before: { bytesOnDisk: Number(before.bytes), rows: Number(before.rows), parts: Number(before.parts) },
    optimizeSeconds,
    bytesOnDisk: Number(after.bytes),
    rows: Number(after.rows),
    parts: Number(after.parts),
    columns: columns.map((c) => ({
      name: c.name,
      compressedBytes: Number(c.compressed),
      uncompressedBytes: Number(c.uncompressed),
    })),
  }),
);
await database.close();
