import { randomUUID } from 'node:crypto';
import { ParticipantSnapshot } from '../../scoped-query/participant-snapshot.js';
import { openDatabase } from '../../server/clickhouse.js';
import { loadConfig } from '../../server/config.js';
import { runMigrations } from '../../server/migrate.js';

/**
 * Run as its own process over a data directory: takes a run's snapshot of a participant's scoped tables,
 * prints the tables' names and waits, so the test can kill this process (SIGKILL) as a crash mid-run would,
 * with the snapshot never dropped.
 */
const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: snapshot-crash-child <dataDir>');
const database = await openDatabase(loadConfig({ YOROZU_DATA_DIR: dataDir }));
await runMigrations(database);
const snapshot = await ParticipantSnapshot.take(database.client, randomUUID(), new Date(), [
  'SELECT device_id, 1 AS passed, domain AS detail FROM p_events',
  'SELECT device_id, 1 AS passed, status AS detail FROM p_health',
]);
process.stdout.write(`${JSON.stringify({ tables: [...snapshot.tables.values()] })}\n`);
setInterval(() => undefined, 60_000);
