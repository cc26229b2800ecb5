import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logEvent, type LogEvent } from '../../agent-protocol/index.js';
import { toClickHouseTime } from '../../common/clickhouse-time.js';
import {
  CATEGORY_VALUES,
  EVENTS_ROW_BINARY_COLUMNS,
  EVENTS_ROW_BINARY_LAYOUT,
  EventRowBinary,
  uuidBytes,
} from '../../ingest/event-row-binary.js';
import { eventRow } from '../../ingest/event-rows.js';
import { RowBinaryBuffer } from '../../ingest/row-binary-buffer.js';
import { openDatabase, type Database } from '../../server/clickhouse.js';
import { runMigrations } from '../../server/migrate.js';
import { eventsOfEveryCategory } from '../support/every-category.js';
import { freshDataDir, testConfig } from '../support/yorozu-under-test.js';

/**
 * The events' RowBinary rows (ingest/event-row-binary.ts) against the JSON lines they replace: the same events
 * stored both ways must read back identically, column by column, for every category and for the values where a
 * binary encoding goes wrong first (multi-byte text across the one-byte length, a text needing a three-byte length,
 * the largest numbers, a row that does not fit what is left of its chunk). And the layout must be the table's.
 */
const dataDir = freshDataDir('event-row-binary');
let db: Database;

beforeAll(async () => {
  db = await openDatabase(testConfig(dataDir));
  await runMigrations(db);
  await db.client.command({ query: 'CREATE TABLE events_from_json AS events' });
});
afterAll(async () => {
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const device = {
  participantId: '61f0c404-5cb3-41e7-907b-a6006ad3dba0',
  deviceId: '0a1b2c3d-4e5f-4a6b-8c7d-8e9fa0b1c2d3',
};

/** Every category, then the same with the values a byte layout gets wrong first. */
function hardEvents(): LogEvent[] {
  const base = eventsOfEveryCategory(1);
  const long = '長い説明文'.repeat(9); // 45 UTF-16 units, 135 bytes: just past the one-byte length's shortcut
  const huge = `${'ログ'.repeat(3000)}🎌`; // 18,004 bytes: a three-byte length
  const edge = base.map((event, i) => {
    const copy = structuredClone(event) as Record<string, unknown>;
    copy.seq = i === 0 ? Number.MAX_SAFE_INTEGER : 1000 + i;
    copy.message = i % 2 ? long : `${'a'.repeat(42)}`;
    copy.attributes = { 種類: '値🎌', quote: 'say "hi"\n\ttab\u0000nul', empty: '' };
    if (event.category === 'software_operation') Object.assign(copy, { pid: 4294967295, commandLine: huge });
    if (event.category === 'web_access')
      Object.assign(copy, {
        url: 'https://Files.Example.jp:8443/d/%E8%AB%8B%E6%B1%82%E6%9B%B8.zip?q=%2F',
        status: 599,
        bytes: Number.MAX_SAFE_INTEGER,
      });
    if (event.category === 'external_device') Object.assign(copy, { vendorId: '0781', productId: 'ABCD' });
    if (event.category === 'printer_output') Object.assign(copy, { copies: 10_000, pages: 1_000_000 });
    return logEvent.parse(copy);
  });
  return [...base.map((event) => logEvent.parse(event)), ...edge];
}

async function tableRows(table: string): Promise<unknown[]> {
  const result = await db.client.query({
    query: 'SELECT * FROM {table:Identifier} ORDER BY seq',
    query_params: { table },
    format: 'JSONEachRow',
  });
  return result.json();
}

describe('events as RowBinary rows', () => {
  it('name every column of the table, in its order, with a type the engine reads without loss', async () => {
    const result = await db.client.query({
      query:
        "SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = 'events' ORDER BY position",
      format: 'JSONEachRow',
    });
    const columns = await result.json<{ name: string; type: string }>();
    expect(columns.map((c) => c.name)).toEqual(EVENTS_ROW_BINARY_COLUMNS.map(([column]) => column));
    const tableType: Record<string, RegExp> = {
      uuid: /^UUID$/,
      uint16: /^UInt16$/,
      uint32: /^UInt32$/,
      uint64: /^UInt64$/,
      time: /^DateTime64\(3, 'UTC'\)$/,
      enum8: /^Enum8\(/,
      string: /^(LowCardinality\()?String\)?$/,
      map: /^Map\(LowCardinality\(String\), String\)$/,
    };
    for (const [index, [column, kind]] of EVENTS_ROW_BINARY_COLUMNS.entries())
      expect(columns[index]!.type, column).toMatch(tableType[kind]!);
    const category = columns.find((c) => c.name === 'category')!.type;
    const enumValues = Object.fromEntries([...category.matchAll(/'(\w+)' = (\d+)/g)].map((m) => [m[1], Number(m[2])]));
    expect(enumValues).toEqual(CATEGORY_VALUES);
  });

  it('store exactly what the JSON lines of the same events store', async () => {
    const events = hardEvents();
    const receivedAtMs = Date.parse('2026-12-06T01:02:03.456Z');
    // Small chunks: several rows begin in one chunk and are moved whole to the next.
    const out = new RowBinaryBuffer(512);
    const encoder = new EventRowBinary(device, receivedAtMs, out);
    const rows = events.map((event) => encoder.row(event, Date.parse(event.time)));
    await db.insertFormatted('events', Buffer.concat(rows), {}, EVENTS_ROW_BINARY_LAYOUT);
    const lines = events.map(
      (event) => JSON.stringify(eventRow(device, event, Date.parse(event.time), toClickHouseTime(receivedAtMs))) + '\n',
    );
    await db.insertFormatted('events_from_json', Buffer.from(lines.join('')), {
      input_format_defaults_for_omitted_fields: 1,
    });
    const stored = await tableRows('events');
    expect(stored).toHaveLength(events.length);
    expect(stored).toEqual(await tableRows('events_from_json'));
    // A few values read back as they were sent, so that agreeing with the JSON path is not agreeing on a loss.
    const byCategory = (category: string) =>
      (stored as Record<string, unknown>[]).filter((row) => row.category === category).at(-1)!;
    expect(byCategory('web_access')).toMatchObject({
      url: 'https://Files.Example.jp:8443/d/請求書.zip?q=%2F',
      domain: 'files.example.jp',
      http_status: 599,
      bytes: String(Number.MAX_SAFE_INTEGER),
      participant_id: device.participantId,
      device_id: device.deviceId,
      received_at: '2026-12-06 01:02:03.456',
    });
    expect(byCategory('software_operation')).toMatchObject({ pid: 4294967295 });
    expect(byCategory('software_operation').command_line).toBe(`${'ログ'.repeat(3000)}🎌`);
    expect(byCategory('external_device')).toMatchObject({ vendor_id: '0781', product_id: 'abcd' });
    expect(byCategory('boot').attributes).toEqual({ 種類: '値🎌', quote: 'say "hi"\n\ttab\u0000nul', empty: '' });
  });

  it('write a UUID as the engine keeps it: its two halves, each little-endian', () => {
    expect(uuidBytes('61f0c404-5cb3-11e7-907b-a6006ad3dba0').toString('hex')).toBe('e711b35c04c4f061a0dbd36a00a67b90');
    expect(() => uuidBytes('not-a-uuid')).toThrow(/Not a UUID/);
  });
});
