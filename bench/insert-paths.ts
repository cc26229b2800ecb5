import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { logEvent } from '../agent-protocol/index.js';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { EVENTS_ROW_BINARY_LAYOUT, EventRowBinary } from '../ingest/event-row-binary.js';
import { eventRow } from '../ingest/event-rows.js';
import { RowBinaryBuffer } from '../ingest/row-binary-buffer.js';
import { openDatabase } from '../server/clickhouse.js';
import { loadConfig } from '../server/config.js';
import { embeddedFormattedInserter, FILE_INSERT_MIN_BYTES } from '../server/formatted-insert.js';
import { runMigrations } from '../server/migrate.js';
import { benchOffice, planAgentBatches, planStart } from './batch-plan.js';

/**
 * `npx tsx bench/insert-paths.ts [events]`: the engine's CPU per row for the writers' embedded insert paths
 * (server/formatted-insert.ts) at several insert sizes: JSON lines through chDB's raw insert or a spooled file, and
 * the events' RowBinary rows (ingest/event-row-binary.ts) through a spooled file, into the real `events` table (its materialized views
 * included), with the simulator's rows, one insert at a time on a quiet process. The figures behind the
 * writers' choices: the spooled-file path from FILE_INSERT_MIN_BYTES on, and the default INGEST_FLUSH_ROWS.
 * CPU is the whole process's (process.cpuUsage: every engine thread), per row inserted.
 */
const total = Number(process.argv[2] ?? 200_000);
const agents = 200;
const perAgent = Math.ceil(total / agents);
const office = benchOffice(agents, perAgent, planStart());
const dataDir = mkdtempSync(path.join(tmpdir(), 'yorozu-insert-paths-'));
const config = loadConfig({ YOROZU_DATA_DIR: dataDir });
const database = await openDatabase(config);
await runMigrations(database);

const lines: string[] = [];
const binaryRows: Buffer[] = [];
const receivedAtMs = Date.now();
const receivedAt = toClickHouseTime(receivedAtMs);
const rowBytes = new RowBinaryBuffer();
for (let agent = 0; agent < agents; agent += 1) {
  const device = {
    participantId: '11111111-1111-4111-8111-111111111111',
    deviceId: `00000000-0000-4000-8000-${String(agent).padStart(12, '0')}`,
  };
  const encoder = new EventRowBinary(device, receivedAtMs, rowBytes);
  for (const batch of planAgentBatches(office, agent, 0, perAgent, 500))
    for (const event of (JSON.parse(batch.body) as { events: unknown[] }).events) {
      const parsed = logEvent.parse(event);
      lines.push(JSON.stringify(eventRow(device, parsed, Date.parse(parsed.time), receivedAt)));
      binaryRows.push(encoder.row(parsed, Date.parse(parsed.time)));
    }
}

// Two inserters on the same directory: one that always takes the raw path, one that always takes the file path.
const spool = path.join(dataDir, 'spool');
const raw = embeddedFormattedInserter(config.clickhouse.embeddedPath, config.clickhouse.database, 1, spool, Infinity);
const file = embeddedFormattedInserter(config.clickhouse.embeddedPath, config.clickhouse.database, 1, spool, 0);
const settings = { input_format_defaults_for_omitted_fields: 1 };

console.log(`| rows per insert | path | engine CPU µs/row | wall µs/row | inserts |`);
console.log(`| --- | --- | --- | --- | --- |`);
for (const rows of [500, 2_000, 5_000, 20_000, 50_000, 100_000]) {
  const bodies: Buffer[] = [];
  const binaryBodies: Buffer[] = [];
  for (let first = 0; first + rows <= lines.length && bodies.length < 10; first += rows) {
    bodies.push(Buffer.from(`${lines.slice(first, first + rows).join('\n')}\n`));
    binaryBodies.push(Buffer.concat(binaryRows.slice(first, first + rows)));
  }
  for (const [name, inserter, layout] of [
    ['chDB raw insert, JSON lines', raw, undefined],
    ['spooled file, file() JSON lines', file, undefined],
    ['spooled file, file() RowBinary', file, EVENTS_ROW_BINARY_LAYOUT],
  ] as const) {
    await database.client.command({ query: 'TRUNCATE TABLE events' });
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (const body of layout ? binaryBodies : bodies) await inserter.insert('events', body, settings, layout);
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const inserted = rows * bodies.length;
    console.log(
      `| ${rows.toLocaleString('en-US')} | ${name} | ${((used.user + used.system) / inserted).toFixed(1)} | ${((wall * 1000) / inserted).toFixed(1)} | ${bodies.length} |`,
    );
  }
}
console.log(
  `\nThe gateway inserts events as RowBinary, and other tables' JSON lines through the file from ${FILE_INSERT_MIN_BYTES / 1024} KiB per insert on.`,
);
raw.close();
file.close();
await database.close();
rmSync(dataDir, { recursive: true, force: true });
