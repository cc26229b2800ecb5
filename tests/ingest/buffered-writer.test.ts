import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BufferedWriter, WriteFailedError } from '../../ingest/buffered-writer.js';
import { isRetryableEngineError } from '../../server/clickhouse-errors.js';
import { openDatabase, type Database } from '../../server/clickhouse.js';
import { until } from '../support/until.js';
import { freshDataDir, testConfig } from '../support/yorozu-under-test.js';

const dataDir = freshDataDir('writer');
let db: Database;
type Row = { id: string; n: number };

beforeAll(async () => {
  db = await openDatabase(testConfig(dataDir));
  await db.client.command({
    query: 'CREATE TABLE IF NOT EXISTS writer_rows (id UUID, n UInt32) ENGINE = MergeTree ORDER BY (id, n)',
  });
});
afterAll(async () => {
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const insertIntoEngine = async (table: string, rows: Row[]) => {
  await db.client.insert({ table, values: rows, format: 'JSONEachRow' });
};

function writer(options: Partial<ConstructorParameters<typeof BufferedWriter<Row>>[0]> = {}) {
  const inserts: { rows: number; outcome: string }[] = [];
  const instance = new BufferedWriter<Row>({
    table: 'writer_rows',
    insert: insertIntoEngine,
    isRetryable: isRetryableEngineError,
    flushRows: 1000,
    flushIntervalMs: 30,
    maxQueuedRows: 10_000,
    retries: 3,
    retryBaseDelayMs: 5,
    observeInsert: (_table, rows, _seconds, outcome) => inserts.push({ rows, outcome }),
    ...options,
  });
  return { instance, inserts };
}

const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const rowsFor = (key: number, count: number): Row[] => Array.from({ length: count }, (_, n) => ({ id: id(key), n }));

async function storedCount(key: number): Promise<number> {
  const result = await db.client.query({
    query: 'SELECT count() AS c FROM writer_rows WHERE id = {id:UUID}',
    query_params: { id: id(key) },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ c: string }>();
  return Number(row!.c);
}

describe('the buffered writer', () => {
  it('combines many small writes into few inserts and settles each write only after its insert returned', async () => {
    const { instance, inserts } = writer();
    const writes = Array.from({ length: 20 }, (_, i) =>
      instance.write(rowsFor(1, 10).map((r) => ({ ...r, n: r.n + i * 10 }))),
    );
    expect(instance.queuedRows).toBe(200);
    await Promise.all(writes);
    expect(await storedCount(1)).toBe(200);
    expect(inserts.filter((i) => i.outcome === 'ok').length).toBeLessThanOrEqual(2);
    expect(instance.queuedRows).toBe(0);
  });

  it('flushes as soon as enough rows wait, without waiting for the interval', async () => {
    const { instance } = writer({ flushRows: 100, flushIntervalMs: 60_000 });
    await instance.write(rowsFor(2, 150));
    expect(await storedCount(2)).toBe(150);
  });

  it('isolates a batch the engine refuses: the others in the same insert are still stored', async () => {
    const { instance } = writer({ flushIntervalMs: 50 });
    const good1 = instance.write(rowsFor(3, 5));
    const bad = instance.write([{ id: 'not-a-uuid', n: 1 }]).catch((e: unknown) => e);
    const good2 = instance.write(rowsFor(4, 5));
    await expect(good1).resolves.toEqual({ refusedRows: [] });
    await expect(good2).resolves.toEqual({ refusedRows: [] });
    const error = await bad;
    expect(error).toBeInstanceOf(WriteFailedError);
    expect((error as WriteFailedError).retryable).toBe(false);
    expect(await storedCount(3)).toBe(5);
    expect(await storedCount(4)).toBe(5);
  });

  it('with isolateRows, stores every row of a write but the ones the engine refuses for good, and names those', async () => {
    const { instance } = writer({ isolateRows: true });
    const rows = [
      ...rowsFor(8, 6),
      { id: 'not-a-uuid', n: 1 },
      ...rowsFor(8, 3).map((row) => ({ ...row, n: 10 + row.n })),
    ];
    const outcome = await instance.write(rows);
    expect(outcome.refusedRows).toEqual([6]);
    expect(outcome.refusal).toBeInstanceOf(WriteFailedError);
    expect(outcome.refusal!.retryable).toBe(false);
    expect(outcome.refusal!.rowsAtFault).toBe(true);
    expect(await storedCount(8)).toBe(9);
  });

  it('with isolateRows, a write the engine refuses as a whole (no such table) fails as a whole, not as refused rows', async () => {
    const { instance } = writer({ isolateRows: true, table: 'no_such_table' });
    const error = await instance.write(rowsFor(9, 4)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteFailedError);
    expect((error as WriteFailedError).rowsAtFault).toBe(false);
  });

  it('retries an engine error that may pass, and stores the rows once', async () => {
    let failuresLeft = 2;
    const { instance, inserts } = writer({
      insert: async (table, rows) => {
        if (failuresLeft-- > 0) throw Object.assign(new Error('Timeout exceeded'), { code: '159' }); // TIMEOUT_EXCEEDED, as the engine reports it
        await insertIntoEngine(table, rows);
      },
    });
    await instance.write(rowsFor(5, 7));
    expect(await storedCount(5)).toBe(7);
    expect(inserts.map((i) => i.outcome)).toEqual(['retry', 'retry', 'ok']);
  });

  it('reports itself behind above its queue limit and caught up after', async () => {
    const { instance } = writer({ maxQueuedRows: 50, flushIntervalMs: 100 });
    const events: string[] = [];
    instance.on('behind', () => events.push('behind'));
    instance.on('caught-up', () => events.push('caught-up'));
    const write = instance.write(rowsFor(6, 60));
    expect(instance.isBehind()).toBe(true);
    await write;
    expect(instance.isBehind()).toBe(false);
    expect(events).toEqual(['behind', 'caught-up']);
  });

  it('drain writes what is waiting now', async () => {
    const { instance } = writer({ flushIntervalMs: 60_000 });
    const write = instance.write(rowsFor(7, 3));
    await instance.drain();
    await write;
    expect(await storedCount(7)).toBe(3);
  });

  it('group commit: what arrives while an insert runs waits for it and goes in one insert, not one per interval', async () => {
    const first = holdingTheFirstInsert();
    const { instance, inserts } = writer({ insert: first.insert, flushIntervalMs: 1, maxConcurrentInserts: 2 });
    const writes = [instance.write(rowsFor(9, 10))];
    await until('the first insert to start', () => first.started() === 1);
    // 40 writes of 10 rows while it is held; then many intervals pass with rows waiting, and still no second insert.
    for (let i = 1; i <= 40; i += 1)
      writes.push(instance.write(rowsFor(9, 10).map((r) => ({ ...r, n: r.n + i * 10 }))));
    const lastWrite = performance.now();
    await until('twenty intervals to pass with rows waiting', () => performance.now() - lastWrite > 20);
    expect(first.started()).toBe(1);
    first.release();
    await Promise.all(writes);
    expect(await storedCount(9)).toBe(410);
    expect(inserts.filter((i) => i.outcome === 'ok').map((i) => i.rows)).toEqual([10, 400]);
  });

  it('a full group does not wait for the insert running: it goes beside it', async () => {
    const first = holdingTheFirstInsert();
    const { instance } = writer({ insert: first.insert, flushRows: 100, flushIntervalMs: 1, maxConcurrentInserts: 2 });
    const held = instance.write(rowsFor(10, 10));
    await until('the first insert to start', () => first.started() === 1);
    await instance.write(rowsFor(10, 100).map((r) => ({ ...r, n: r.n + 10 })));
    expect(first.started()).toBe(2);
    first.release();
    await held;
    expect(await storedCount(10)).toBe(110);
  });
});

/** The engine's own insert, the first one held open until `release()`: what the writer does meanwhile is seen. */
function holdingTheFirstInsert() {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let started = 0;
  return {
    insert: async (table: string, rows: Row[]) => {
      started += 1;
      if (started === 1) await held;
      await insertIntoEngine(table, rows);
    },
    started: () => started,
    release: () => release(),
  };
}
