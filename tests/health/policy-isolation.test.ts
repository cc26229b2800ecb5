import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyQueryError, runPolicy, runScopedPolicy, validatePolicyQuery } from '../../scoped-query/policy-runner.js';
import { enroll } from '../../agent/protocol-client.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

/** A policy evaluated for one participant can never read another participant's rows. */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let ours: { participantId: string; deviceId: string };
let theirs: { participantId: string; deviceId: string };

beforeAll(async () => {
  yorozu = await startTestYorozu('policy-isolation');
  const setUp = async (name: string, host: string) => {
    const { participantId, secret } = await participantWithSecret(yorozu, name);
    const { deviceId } = await enroll(yorozu.url, secret, host);
    await yorozu.database.client.insert({
      table: 'health_results',
      values: [
        {
          participant_id: participantId,
          device_id: deviceId,
          check_id: 'antivirus.running',
          time: '2026-11-24 00:00:00.000',
          status: 'fail',
          value: 'stopped',
          detail: `${host} secret detail`,
          received_at: '2026-11-24 00:00:01.000',
        },
      ],
      format: 'JSONEachRow',
    });
    return { participantId, deviceId };
  };
  ours = await setUp('株式会社こちら', 'OURS-PC');
  theirs = await setUp('株式会社あちら', 'THEIRS-PC');
});

afterAll(async () => {
  await yorozu?.cleanup();
});

const now = new Date('2026-11-25T00:00:00Z');
const run = (query: string) => runPolicy(yorozu.database.client, ours.participantId, query, now);

describe('policy isolation', () => {
  it("a policy over the scoped tables sees only its participant's devices and results", async () => {
    const verdicts = await run(
      `SELECT d.device_id AS device_id, h.status = 'pass' AS passed, h.detail AS detail FROM p_devices AS d LEFT JOIN p_health AS h ON h.device_id = d.device_id AND h.check_id = 'antivirus.running'`,
    );
    expect(verdicts).toEqual([
      { device_id: ours.deviceId, passed: false, detail: 'OURS-PC secret detail', detail_en: '' },
    ]);
  });

  it('asking the scoped tables for the other participant by id returns nothing of it', async () => {
    // sql-paste-ok: a policy is operator-written SQL; this one names the other participant's device as a literal on purpose
    const verdicts = await run(
      `SELECT device_id, 0 AS passed, detail FROM p_health WHERE device_id = '${theirs.deviceId}' OR 1 = 1`,
    );
    expect(verdicts.map((v) => v.device_id)).toEqual([ours.deviceId]);
    const devices = await run(
      `SELECT device_id, 1 AS passed, '' AS detail FROM p_devices WHERE hostname = 'THEIRS-PC'`,
    );
    expect(devices).toEqual([]);
  });

  it.each([
    ['the raw table', `SELECT device_id, 0 AS passed, detail FROM health_results`, 'table_not_allowed'],
    [
      'a subquery over a raw table',
      `SELECT device_id, 1 AS passed, '' AS detail FROM p_devices WHERE device_id IN (SELECT device_id FROM devices)`,
      'table_not_allowed',
    ],
    [
      'x IN table',
      `SELECT device_id, 1 AS passed, '' AS detail FROM p_devices WHERE device_id IN devices_current`,
      'table_not_allowed',
    ],
    [
      'its own CTE over a raw table',
      `WITH p_events AS (SELECT * FROM events) SELECT device_id, 1 AS passed, '' AS detail FROM p_events`,
      'table_not_allowed',
    ],
    [
      'a system table',
      `SELECT toUUID('00000000-0000-0000-0000-000000000001') AS device_id, 1 AS passed, name AS detail FROM system.tables`,
      'table_not_allowed',
    ],
    [
      'another database',
      `SELECT device_id, 1 AS passed, '' AS detail FROM yorozu.devices_current`,
      'table_not_allowed',
    ],
    [
      'a table function',
      `SELECT device_id, 1 AS passed, '' AS detail FROM merge('yorozu', 'health_results')`,
      'table_function',
    ],
    ['view()', `SELECT device_id, 1 AS passed, '' AS detail FROM view(SELECT * FROM health_results)`, 'table_function'],
    [
      'url()',
      `SELECT device_id, 1 AS passed, '' AS detail FROM url('http://127.0.0.1:1/x', CSV, 'device_id UUID')`,
      'table_function',
    ],
    [
      'joinGet',
      `SELECT device_id, joinGet('x', 'y', 1) AS passed, '' AS detail FROM p_devices`,
      'function_not_allowed',
    ],
    [
      'SETTINGS',
      `SELECT device_id, 1 AS passed, '' AS detail FROM p_devices SETTINGS max_execution_time = 100000`,
      'settings_not_allowed',
    ],
    [
      'a second statement',
      `SELECT device_id, 1 AS passed, '' AS detail FROM p_devices; DROP TABLE events`,
      'not_a_select',
    ],
    ['an INSERT', `INSERT INTO events SELECT * FROM events`, 'not_a_select'],
    // Issue 15, finding 1: names that shadow a scoped table, whatever they point at.
    [
      "an expression alias named like a scoped table (the audit's case)",
      `WITH sessions AS p_health SELECT device_id, 1 AS passed, '' AS detail FROM p_devices WHERE device_id IN p_health`,
      'name_shadowed',
    ],
    [
      'a quoted expression alias',
      "WITH accounts AS `p_health` SELECT device_id, 1 AS passed, '' AS detail FROM p_devices WHERE device_id IN p_health",
      'name_shadowed',
    ],
    [
      'a scalar subquery alias',
      `WITH (SELECT count() FROM p_devices) AS p_software SELECT device_id, 1 AS passed, '' AS detail FROM p_devices`,
      'name_shadowed',
    ],
    ['a table alias', `SELECT device_id, 1 AS passed, '' AS detail FROM p_events AS p_health`, 'name_shadowed'],
    [
      'a subquery alias',
      `SELECT device_id, 1 AS passed, '' AS detail FROM (SELECT device_id FROM p_devices) AS p_devices`,
      'name_shadowed',
    ],
    ['a column alias', `SELECT device_id AS p_activity, 1 AS passed, '' AS detail FROM p_devices`, 'name_shadowed'],
    [
      'its own CTE over a scoped table',
      `WITH p_events AS (SELECT * FROM p_devices) SELECT device_id, 1 AS passed, '' AS detail FROM p_events`,
      'name_shadowed',
    ],
    [
      'a lambda parameter',
      `SELECT device_id, arrayExists(p_health -> p_health = 1, [1]) AS passed, '' AS detail FROM p_devices`,
      'name_shadowed',
    ],
    ['sleep', `SELECT device_id, sleep(3) = 0 AS passed, '' AS detail FROM p_devices`, 'function_not_allowed'],
    [
      'sleepEachRow',
      `SELECT device_id, sleepEachRow(1) = 0 AS passed, '' AS detail FROM p_devices`,
      'function_not_allowed',
    ],
    [
      'getSetting',
      `SELECT device_id, 1 AS passed, toString(getSetting('max_execution_time')) AS detail FROM p_devices`,
      'function_not_allowed',
    ],
    [
      'hasColumnInTable',
      `SELECT device_id, hasColumnInTable('yorozu', 'sessions', 'token_hash') AS passed, '' AS detail FROM p_devices`,
      'function_not_allowed',
    ],
    ['version', `SELECT device_id, 1 AS passed, version() AS detail FROM p_devices`, 'function_not_allowed'],
    ['uptime', `SELECT device_id, 1 AS passed, toString(uptime()) AS detail FROM p_devices`, 'function_not_allowed'],
    [
      'currentDatabase',
      `SELECT device_id, 1 AS passed, currentDatabase() AS detail FROM p_devices`,
      'function_not_allowed',
    ],
  ])('refuses %s before running it', async (_what, query, code) => {
    expect((await validatePolicyQuery(yorozu.database.client, query))?.code).toBe(code);
    await expect(run(query)).rejects.toBeInstanceOf(PolicyQueryError);
  });

  describe("the second layer: the engine's resolution of the exact query, with the validator bypassed", () => {
    const runUnvalidated = (query: string) => runScopedPolicy(yorozu.database.client, ours.participantId, query, now);

    it('still runs a policy over the scoped tables', async () => {
      expect(await runUnvalidated(`SELECT device_id, 1 AS passed, hostname AS detail FROM p_devices`)).toEqual([
        { device_id: ours.deviceId, passed: true, detail: 'OURS-PC', detail_en: '' },
      ]);
      expect(
        (
          await runUnvalidated(
            `WITH x AS (SELECT device_id FROM p_health) SELECT device_id, 1 AS passed, '' AS detail FROM p_devices WHERE device_id IN x`,
          )
        ).length,
      ).toBe(1);
    });

    it('runs a policy with ARRAY JOIN over a scoped table (its source is labelled TABLE EXPRESSION in the tree)', async () => {
      expect(
        await runUnvalidated(
          `SELECT device_id, 1 AS passed, part AS detail FROM p_devices ARRAY JOIN [hostname] AS part`,
        ),
      ).toEqual([{ device_id: ours.deviceId, passed: true, detail: 'OURS-PC', detail_en: '' }]);
      expect(
        await run(`SELECT device_id, 1 AS passed, part AS detail FROM p_devices ARRAY JOIN [hostname] AS part`),
      ).toEqual([{ device_id: ours.deviceId, passed: true, detail: 'OURS-PC', detail_en: '' }]);
    });

    it.each([
      [
        'a raw table under an ARRAY JOIN',
        `SELECT device_id, 0 AS passed, part AS detail FROM (SELECT device_id, [detail] AS parts FROM health_results) ARRAY JOIN parts AS part`,
        'table_not_allowed',
      ],
      [
        "the audit's alias over a raw table",
        `WITH sessions AS p_health SELECT device_id, 1 AS passed, '' AS detail FROM p_devices WHERE device_id IN p_health`,
        'table_not_allowed',
      ],
      [
        "an alias over another participant's raw rows",
        `WITH health_results AS h SELECT device_id, 0 AS passed, '' AS detail FROM p_devices WHERE device_id IN h`,
        'table_not_allowed',
      ],
      ['a raw table', `SELECT device_id, 0 AS passed, detail FROM health_results`, 'table_not_allowed'],
      [
        'a raw table in a subquery',
        `SELECT device_id, 1 AS passed, '' AS detail FROM p_devices WHERE device_id IN (SELECT device_id FROM devices)`,
        'table_not_allowed',
      ],
      [
        'its own CTE named like a scoped table, over a raw table',
        `WITH p_devices AS (SELECT * FROM devices_current) SELECT device_id, 1 AS passed, '' AS detail FROM p_devices`,
        'name_shadowed',
      ],
      [
        'its own CTE named like a scoped table, over scoped data',
        `WITH p_events AS (SELECT * FROM p_devices) SELECT device_id, 1 AS passed, '' AS detail FROM p_events`,
        'name_shadowed',
      ],
      [
        'a system table',
        `SELECT toUUID('00000000-0000-0000-0000-000000000001') AS device_id, 1 AS passed, name AS detail FROM system.tables`,
        'table_not_allowed',
      ],
      [
        'another database',
        `SELECT device_id, 1 AS passed, '' AS detail FROM system.one, p_devices`,
        'table_not_allowed',
      ],
      [
        'a table function',
        `SELECT toUUID('00000000-0000-0000-0000-000000000001') AS device_id, 1 AS passed, '' AS detail FROM numbers(1)`,
        'table_function',
      ],
      [
        'hasColumnInTable',
        `SELECT device_id, hasColumnInTable('yorozu', 'sessions', 'token_hash') AS passed, '' AS detail FROM p_devices`,
        'function_not_allowed',
      ],
      [
        'getSetting',
        `SELECT device_id, 1 AS passed, toString(getSetting('max_execution_time')) AS detail FROM p_devices`,
        'function_not_allowed',
      ],
    ])('refuses %s', async (_what, query, code) => {
      const refusal = await runUnvalidated(query).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(PolicyQueryError);
      expect((refusal as PolicyQueryError).problem.code).toBe(code);
    });
  });

  it("the other participant's rows are still there, untouched", async () => {
    const [row] = await queryRows<{ n: string }>(
      yorozu,
      'SELECT count() AS n FROM health_results WHERE participant_id = {p:UUID}',
      { p: theirs.participantId },
    );
    expect(Number(row!.n)).toBe(1);
  });

  it("a policy that runs too long or returns the wrong columns fails with the engine's reason", async () => {
    await expect(run(`SELECT device_id, 1 AS passed FROM p_devices`)).rejects.toThrow(/detail/);
  });
});
