import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Session } from 'chdb';
import { logEvent } from '../agent-protocol/index.js';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { eventRow } from '../ingest/event-rows.js';
import { openDatabase } from '../server/clickhouse.js';
import { loadConfig } from '../server/config.js';
import { runMigrations } from '../server/migrate.js';
import { benchOffice, planAgentBatches } from './batch-plan.js';

/**
 * The ceilings: the engine's own best paths for the same events the gateway gets, mapped to the
 * same rows, in the same run (BENCHMARKS.md): chDB's raw insert of pre-built JSONEachRow bytes on two
 * sessions in inserts of the gateway's flush size; `INSERT … SELECT FROM file()` of the same rows
 * as JSON lines; and of the same rows in Native format (the write floor). Each into a fresh copy of
 * `events`. Runs as its own process (chDB binds one directory per process) and prints JSON.
 */
const [agents, eventsPerAgent, batchSize, flushRows, planStartMs] = process.argv.slice(2).map(Number) as [
  number,
  number,
  number,
  number,
  number,
];
// The office the gateway runs get, planned from the same start (batch-plan.ts).
const office = benchOffice(agents, eventsPerAgent, planStartMs);
const dataDir = mkdtempSync(path.join(tmpdir(), 'yorozu-bench-raw-'));
const config = loadConfig({ YOROZU_DATA_DIR: dataDir });
const database = await openDatabase(config);
await runMigrations(database);
const db = config.clickhouse.database;

// The rows as JSON lines, in chunks of the flush size as they are made: 1e7 rows never sit in one string.
const chunks: Buffer[] = [];
let chunk: string[] = [];
let events = 0;
const receivedAt = toClickHouseTime(Date.now());
for (let agent = 0; agent < agents; agent += 1) {
  const device = {
    participantId: '11111111-1111-4111-8111-111111111111',
    deviceId: `00000000-0000-4000-8000-${String(agent).padStart(12, '0')}`,
  };
  for (const batch of planAgentBatches(office, agent, 0, eventsPerAgent, batchSize)) {
    for (const event of (JSON.parse(batch.body) as { events: unknown[] }).events) {
      const parsed = logEvent.parse(event);
      chunk.push(JSON.stringify(eventRow(device, parsed, Date.parse(parsed.time), receivedAt)));
      events += 1;
      if (chunk.length === flushRows) {
        chunks.push(Buffer.from(`${chunk.join('\n')}\n`));
        chunk = [];
      }
    }
  }
}
if (chunk.length > 0) chunks.push(Buffer.from(`${chunk.join('\n')}\n`));

async function freshTable(name: string): Promise<void> {
  await database.client.command({ query: 'DROP TABLE IF EXISTS {t:Identifier}', query_params: { t: name } });
  await database.client.command({ query: 'CREATE TABLE {t:Identifier} AS events', query_params: { t: name } });
}

async function timed(label: string, work: () => Promise<void>): Promise<{ seconds: number; eventsPerSecond: number }> {
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`[raw-insert] ${label}: ${Math.round(events / seconds)} events/s\n`);
  return { seconds, eventsPerSecond: events / seconds };
}

// 1. Raw insert of JSONEachRow bytes, flush-sized chunks, on two sessions side by side.
await freshTable('ceiling_raw');
const sessions = [new Session(config.clickhouse.embeddedPath), new Session(config.clickhouse.embeddedPath)];
const rawInsert = await timed('rawInsert, 2 sessions', async () => {
  let next = 0;
  await Promise.all(
    sessions.map(async (session) => {
      while (next < chunks.length) {
        const body = chunks[next++]!;
        await session.insert({
          table: `${db}.ceiling_raw`,
          values: body,
          format: 'JSONEachRow',
          settings: { input_format_defaults_for_omitted_fields: 1 },
        });
      }
    }),
  );
});
for (const session of sessions) session.close();

// 2. and 3. The same rows from a file, as JSON lines and in Native format.
const jsonFile = path.join(dataDir, 'rows.jsonl');
const nativeFile = path.join(dataDir, 'rows.native');
const fd = openSync(jsonFile, 'w');
for (const piece of chunks) writeSync(fd, piece);
closeSync(fd);
chunks.length = 0;
await freshTable('ceiling_json');
const [structure] = await (
  await database.client.query({
    query:
      "SELECT arrayStringConcat(groupArray(concat(name, ' ', type)), ', ') AS s FROM system.columns WHERE database = currentDatabase() AND table = 'events'",
    format: 'JSONEachRow',
  })
).json<{ s: string }>();
const fileJson = await timed('file() JSONEachRow', async () => {
  await database.client.command({
    query: 'INSERT INTO ceiling_json SELECT * FROM file({f:String}, JSONEachRow, {s:String})',
    query_params: { f: jsonFile, s: structure!.s },
  });
});
await database.client.command({
  query: 'INSERT INTO FUNCTION file({f:String}, Native) SELECT * FROM ceiling_json',
  query_params: { f: nativeFile },
});
await freshTable('ceiling_native');
const fileNative = await timed('file() Native', async () => {
  await database.client.command({
    query: 'INSERT INTO ceiling_native SELECT * FROM file({f:String}, Native)',
    query_params: { f: nativeFile },
  });
});

const version = await (
  await database.client.query({ query: 'SELECT version() AS v', format: 'JSONEachRow' })
).json<{ v: string }>();
process.stdout.write(
  JSON.stringify({
    events,
    engine: version[0]?.v ?? '',
    rawInsert,
    fileJson,
    fileNative,
    // the ratio's denominator: the write floor
    seconds: fileNative.seconds,
    eventsPerSecond: fileNative.eventsPerSecond,
  }),
);
await database.close();
rmSync(dataDir, { recursive: true, force: true });
