import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/clickhouse.js';
import { POLICY_RUN_LIMITS } from '../../scoped-query/policy-runner.js';
import { freshDataDir, testConfig } from '../support/yorozu-under-test.js';

// Issue 15, finding 0: over chDB a query's clickhouse_settings used to stay on the shared session.
const dataDir = freshDataDir('query-settings');
let db: Database;

beforeAll(async () => {
  db = await openDatabase(testConfig(dataDir));
});
afterAll(async () => {
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function numbers(count: number, settings?: Record<string, string | number>): Promise<number> {
  const result = await db.client.query({
    query: 'SELECT number FROM numbers({count:UInt32})',
    query_params: { count },
    format: 'JSONEachRow',
    clickhouse_settings: settings,
  });
  return (await result.json()).length;
}

async function sessionSettings(): Promise<Record<string, string>> {
  const result = await db.client.query({
    query:
      "SELECT getSetting('max_result_rows') AS max_result_rows, getSetting('result_overflow_mode') AS result_overflow_mode, getSetting('max_execution_time') AS max_execution_time, getSetting('log_comment') AS log_comment",
    format: 'JSONEachRow',
  });
  const [row] = await result.json<Record<string, unknown>>();
  return Object.fromEntries(Object.entries(row!).map(([name, value]) => [name, String(value)]));
}

describe('per-query settings on the embedded engine', () => {
  it('a limited query does not limit the next one', async () => {
    await expect(numbers(5, { max_result_rows: 2, result_overflow_mode: 'throw' })).rejects.toThrow(
      /Limit for result exceeded/,
    );
    expect(await numbers(5)).toBe(5);
  });

  it("a health run's limits and tag are gone for the query after it", async () => {
    expect(await numbers(3, { ...POLICY_RUN_LIMITS, log_comment: 'health:run-policy' })).toBe(3);
    expect(await sessionSettings()).toEqual({
      max_result_rows: '0',
      result_overflow_mode: 'throw',
      max_execution_time: '0',
      log_comment: '',
    });
  });

  it('an insert after a limited query is not tagged nor limited by it', async () => {
    await db.client.command({
      query: 'CREATE TABLE IF NOT EXISTS scoped_settings_probe (n UInt64) ENGINE = MergeTree ORDER BY n',
    });
    await numbers(1, { max_result_rows: 1, log_comment: 'health:run-policy' });
    await db.client.insert({
      table: 'scoped_settings_probe',
      values: [{ n: 1 }, { n: 2 }, { n: 3 }],
      format: 'JSONEachRow',
    });
    expect(await sessionSettings()).toMatchObject({ max_result_rows: '0', log_comment: '' });
    const count = await db.client.query({
      query: 'SELECT count() AS n FROM scoped_settings_probe',
      format: 'JSONEachRow',
    });
    expect(await count.json()).toEqual([{ n: '3' }]);
  });

  it('queries sent together each see only their own settings', async () => {
    const answers = await Promise.allSettled([
      numbers(5, { max_result_rows: 2, result_overflow_mode: 'throw' }),
      numbers(5),
      numbers(5, { max_result_rows: 2, result_overflow_mode: 'throw' }),
      numbers(5),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual(['rejected', 'fulfilled', 'rejected', 'fulfilled']);
  });

  it('the database chosen at open stays chosen (the session keeps what it should)', async () => {
    const result = await db.client.query({ query: 'SELECT currentDatabase() AS name', format: 'JSONEachRow' });
    expect(await result.json()).toEqual([{ name: db.databaseName }]);
  });
});
