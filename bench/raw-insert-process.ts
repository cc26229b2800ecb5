import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { logEvent } from '../agent-protocol/index.js';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { eventRow, type Row } from '../ingest/event-rows.js';
import { openDatabase } from '../server/clickhouse.js';
import { loadConfig } from '../server/config.js';
import { runMigrations } from '../server/migrate.js';
import { planAgentBatches } from './batch-plan.js';

/**
 * The ceiling: the same events the gateway gets, mapped to the same rows, inserted straight into
 * the same engine with @clickhouse/client in inserts of the gateway's flush size. Runs as its own
 * process (chDB binds one directory per process) and prints its figures as JSON.
 */
const [agents, eventsPerAgent, batchSize, flushRows] = process.argv.slice(2).map(Number) as [
  number,
  number,
  number,
  number,
];
const dataDir = mkdtempSync(path.join(tmpdir(), 'yorozu-bench-raw-'));
const database = await openDatabase(loadConfig({ YOROZU_DATA_DIR: dataDir }));
await runMigrations(database);

const rows: Row[] = [];
const receivedAt = toClickHouseTime(Date.now());
for (let agent = 0; agent < agents; agent += 1) {
  const device = {
    participantId: '11111111-1111-4111-8111-111111111111',
    deviceId: `00000000-0000-4000-8000-${String(agent).padStart(12, '0')}`,
  };
  for (const batch of planAgentBatches(agent, 0, eventsPerAgent, batchSize)) {
    for (const event of (JSON.parse(batch.body) as { events: unknown[] }).events) {
      const parsed = logEvent.parse(event);
      rows.push(eventRow(device, parsed, Date.parse(parsed.time), receivedAt));
    }
  }
}
const started = performance.now();
for (let first = 0; first < rows.length; first += flushRows) {
  await database.client.insert({
    table: 'events',
    values: rows.slice(first, first + flushRows),
    format: 'JSONEachRow',
  });
}
const seconds = (performance.now() - started) / 1000;
const version = await (
  await database.client.query({ query: 'SELECT version() AS v', format: 'JSONEachRow' })
).json<{ v: string }>();
process.stdout.write(
  JSON.stringify({ events: rows.length, seconds, eventsPerSecond: rows.length / seconds, engine: version[0]?.v ?? '' }),
);
await database.close();
rmSync(dataDir, { recursive: true, force: true });
