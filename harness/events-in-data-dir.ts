import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/clickhouse.js';

/**
 * Run as its own process (chDB binds one directory per process): prints, as JSON, how many times
 * each (device, seq) is visible to a FINAL read in the given data directory, and the raw row count.
 */
const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: events-in-data-dir <dataDir>');
const database = await openDatabase(loadConfig({ YOROZU_DATA_DIR: dataDir }));
const visible = await database.client.query({
  query: 'SELECT toString(device_id) AS device, seq, count() AS copies FROM events FINAL GROUP BY device, seq',
  format: 'JSONCompactEachRow',
});
const raw = await database.client.query({ query: 'SELECT count() FROM events', format: 'JSONCompactEachRow' });
const rows = await visible.json<[string, string, string]>();
const rawCount = (await raw.json<[string]>())[0]?.[0] ?? '0';
process.stdout.write(
  JSON.stringify({
    visible: rows.map(([device, seq, copies]) => [device, Number(seq), Number(copies)]),
    rawRows: Number(rawCount),
  }),
);
await database.close();
