import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_INSERT_MIN_BYTES, fileInsertStatement } from '../../server/formatted-insert.js';
import { openDatabase, type Database } from '../../server/clickhouse.js';
import { freshDataDir, testConfig } from '../support/yorozu-under-test.js';

/**
 * The writers' insert of JSONEachRow bytes (server/formatted-insert.ts) on the embedded engine: a large body goes
 * through a spooled file and `file()`, a small one through chDB's raw insert. Both must store the same rows, with
 * the table's own defaults for what a line leaves out, refuse a body with a bad row as a whole, and leave no file.
 */
const dataDir = freshDataDir('formatted-insert');
const spool = path.join(dataDir, 'ingest-spool');
let db: Database;

beforeAll(async () => {
  db = await openDatabase(testConfig(dataDir));
  await db.client.command({
    query: `CREATE TABLE spooled (id UInt32, note String DEFAULT 'none', kind Enum8('a' = 1, 'b' = 2),
      at DateTime64(3, 'UTC'), attrs Map(LowCardinality(String), String)) ENGINE = MergeTree ORDER BY id`,
  });
});
afterAll(async () => {
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** `count` lines from `first`, each about 600 bytes, whose content repeats every 10,000 ids; every third without a note (the default applies). */
function body(first: number, count: number): Buffer {
  let text = '';
  for (let id = first; id < first + count; id += 1) {
    const local = id % 10_000;
    const note = local % 3 === 0 ? '' : `"note":"メモ ${local} ${'x'.repeat(500)}",`;
    const at = `2026-12-06 01:02:03.${String(local % 1000).padStart(3, '0')}`;
    text += `{"id":${id},${note}"kind":"${local % 2 ? 'b' : 'a'}","at":"${at}","attrs":{"k":"v${local}"}}\n`;
  }
  return Buffer.from(text);
}

async function rows(from: number, to: number) {
  const result = await db.client.query({
    query:
      'SELECT id, note, kind, toString(at) AS at, attrs FROM spooled WHERE id >= {from:UInt32} AND id < {to:UInt32} ORDER BY id',
    query_params: { from, to },
    format: 'JSONEachRow',
  });
  return result.json<{ id: number; note: string; kind: string; at: string; attrs: Record<string, string> }>();
}

describe('the writers’ insert on the embedded engine', () => {
  it('stores a large body (spooled file) exactly as a small one (raw insert), defaults included, and keeps no file', async () => {
    const large = body(0, 4000);
    expect(large.length).toBeGreaterThan(FILE_INSERT_MIN_BYTES);
    // This data directory's spool path can be written into the statement: the large body takes the file path.
    expect(fileInsertStatement(db.databaseName, 'spooled', path.join(spool, 'spooled-x.jsonl'), {})).toBeDefined();
    const small = body(10_000, 100);
    expect(small.length).toBeLessThan(FILE_INSERT_MIN_BYTES);
    await db.insertFormatted('spooled', large, { log_comment: 'ingest:spooled' });
    await db.insertFormatted('spooled', small, { log_comment: 'ingest:spooled' });
    const stored = await rows(0, 4000);
    expect(stored).toHaveLength(4000);
    expect(stored[3]).toEqual({ id: 3, note: 'none', kind: 'b', at: '2026-12-06 01:02:03.003', attrs: { k: 'v3' } });
    expect(stored[4]!.note).toBe(`メモ 4 ${'x'.repeat(500)}`);
    const strip = (r: { id: number }) => ({ ...r, id: r.id % 10_000 });
    expect((await rows(10_000, 10_100)).map(strip)).toEqual(stored.slice(0, 100).map(strip));
    expect(readdirSync(spool)).toEqual([]);
  });

  it('refuses a large body with one bad row as a whole, naming the row, and keeps no file', async () => {
    const good = body(20_000, 3000).toString();
    const bad = Buffer.from(good + '{"id":"not a number","kind":"a"}\n');
    expect(bad.length).toBeGreaterThan(FILE_INSERT_MIN_BYTES);
    const error = await db.insertFormatted('spooled', bad, {}).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/at row 3001/);
    expect(await rows(20_000, 30_000)).toEqual([]);
    expect(readdirSync(spool)).toEqual([]);
  });

  it('refuses a setting it could not write safely, before touching the engine', async () => {
    const large = body(40_000, 4000);
    await expect(db.insertFormatted('spooled', large, { log_comment: "x' OR 1" })).rejects.toThrow(
      /Invalid value of setting log_comment/,
    );
    expect(await rows(40_000, 50_000)).toEqual([]);
  });

  it('writes into the file statement only names and a path from checked sets, else takes the raw insert', () => {
    expect(
      fileInsertStatement('yorozu', 'events', '/data/ingest-spool/events-1.jsonl', { log_comment: 'ingest:x' }),
    ).toBe(
      "INSERT INTO yorozu.events SETTINGS log_comment = 'ingest:x' SELECT * FROM file('/data/ingest-spool/events-1.jsonl', JSONEachRow)",
    );
    expect(fileInsertStatement('yorozu', 'events', "/data/it's/events-1.jsonl", {})).toBeUndefined();
    expect(fileInsertStatement('yorozu', 'events', '/my data/events-1.jsonl', {})).toBeUndefined();
    expect(fileInsertStatement('yo-rozu', 'events', '/data/events-1.jsonl', {})).toBeUndefined();
    expect(fileInsertStatement('yorozu', 'events; DROP', '/data/events-1.jsonl', {})).toBeUndefined();
    const layout = { columns: ['id', 'note'], structure: 'id UInt32, note LowCardinality(String)' };
    expect(fileInsertStatement('yorozu', 'events', '/data/events-1.bin', {}, layout)).toBe(
      "INSERT INTO yorozu.events (id, note) SELECT * FROM file('/data/events-1.bin', RowBinary, 'id UInt32, note LowCardinality(String)')",
    );
    const quoted = { columns: ['at'], structure: "at DateTime64(3, 'UTC')" };
    expect(fileInsertStatement('yorozu', 'events', '/data/events-1.bin', {}, quoted)).toBeUndefined();
    const badColumn = { columns: ['id) SELECT 1 --'], structure: 'id UInt32' };
    expect(fileInsertStatement('yorozu', 'events', '/data/events-1.bin', {}, badColumn)).toBeUndefined();
  });

  it('refuses RowBinary it cannot name rather than send it as JSON', async () => {
    const layout = { columns: ['id', 'note-x'], structure: 'id UInt32, note String' };
    await expect(db.insertFormatted('spooled', Buffer.from([1, 0, 0, 0, 0]), {}, layout)).rejects.toThrow(
      /RowBinary insert into spooled/,
    );
    expect(readdirSync(spool)).toEqual([]);
  });
});
