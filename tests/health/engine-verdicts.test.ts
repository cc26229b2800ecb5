import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import type { PolicyRecord } from '../../health/health-store.js';
import { insertPoliciesTogether } from '../../scoped-query/policies-into.js';
import type { PolicyProblem } from '../../scoped-query/policy-validation.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * An evaluation's verdicts are made and inserted by the engine (scoped-query/policies-into.ts,
 * sql/queries/health/verdicts-of-outcome.sql): every active device × policy, 'unknown' where the policy said
 * nothing; the isolation check covers the whole that runs, wrapper included; one policy's error is recorded
 * while the others' verdicts land.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let ours: { participantId: string; devices: Map<string, string> };
let theirs: { participantId: string; devices: Map<string, string> };
const now = new Date('2026-11-25T00:00:00Z');

beforeAll(async () => {
  yorozu = await startTestYorozu('engine-verdicts');
  const setUp = async (name: string, hosts: string[]) => {
    const { participantId, secret } = await participantWithSecret(yorozu, name);
    const devices = new Map<string, string>();
    for (const host of hosts) devices.set((await enroll(yorozu.url, secret, host)).deviceId, host);
    return { participantId, devices };
  };
  ours = await setUp('株式会社こちら', ['OURS-PC-1', 'OURS-PC-2']);
  theirs = await setUp('株式会社あちら', ['THEIRS-PC']);
});

afterAll(async () => {
  await yorozu?.cleanup();
});

function policy(slug: string, query: string, version = 1, severity: PolicyRecord['severity'] = 'high'): PolicyRecord {
  return {
    policy_id: randomUUID(),
    current_version: version,
    slug,
    builtin: false,
    enabled: true,
    severity,
    title_ja: slug,
    title_en: slug,
    description_ja: '',
    description_en: '',
    remediation_ja: '',
    remediation_en: '',
    query,
  };
}

const FAILS_PC_1 = `SELECT device_id, 0 AS passed, concat(hostname, ' 不適合') AS detail, concat(hostname, ' failing') AS detail_en FROM p_devices WHERE hostname = 'OURS-PC-1'`;
const PASSES_ALL = `SELECT device_id, 1 AS passed, '' AS detail FROM p_devices`;

interface StoredVerdict {
  policy_id: string;
  policy_version: number;
  severity: string;
  device_id: string;
  status: string;
  detail: string;
  detail_en: string;
  evaluated_at: string;
}

async function verdictsOf(evaluationId: string) {
  const rows = await queryRows<StoredVerdict>(
    yorozu,
    `SELECT policy_id, policy_version, severity, device_id, status, detail, detail_en, evaluated_at
       FROM policy_results WHERE evaluation_id = {evaluation:UUID}`,
    { evaluation: evaluationId },
  );
  const hosts = new Map([...ours.devices, ...theirs.devices]);
  return rows
    .map((row) => ({ ...row, host: hosts.get(row.device_id) }))
    .sort((a, b) => `${a.policy_id}${a.host}`.localeCompare(`${b.policy_id}${b.host}`));
}

describe('verdicts made by the engine', () => {
  it("every active device × policy, 'unknown' where the policy said nothing, each policy with its own version and severity", async () => {
    const failing = policy('fails-pc-1', FAILS_PC_1, 2, 'high');
    const sameText = policy('fails-pc-1-copy', FAILS_PC_1, 3, 'critical');
    const passing = policy('passes-all', PASSES_ALL, 1, 'low');
    const done = await yorozu.health.evaluation.evaluate(ours.participantId, now, 'test', [failing, sameText, passing]);
    expect(done).toMatchObject({ policies: 3, devices: 2, failures: 2, errors: [] });
    const rows = await verdictsOf(done.evaluationId);
    const expected = (p: PolicyRecord, host: string, status: string, detail = '', detailEn = '') => ({
      policy_id: p.policy_id,
      policy_version: p.current_version,
      severity: p.severity,
      host,
      status,
      detail,
      detail_en: detailEn,
      evaluated_at: '2026-11-25 00:00:00.000',
    });
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining(expected(failing, 'OURS-PC-1', 'fail', 'OURS-PC-1 不適合', 'OURS-PC-1 failing')),
        expect.objectContaining(expected(failing, 'OURS-PC-2', 'unknown')),
        expect.objectContaining(expected(sameText, 'OURS-PC-1', 'fail', 'OURS-PC-1 不適合', 'OURS-PC-1 failing')),
        expect.objectContaining(expected(sameText, 'OURS-PC-2', 'unknown')),
        expect.objectContaining(expected(passing, 'OURS-PC-1', 'pass')),
        expect.objectContaining(expected(passing, 'OURS-PC-2', 'pass')),
      ]),
    );
    expect(rows).toHaveLength(6);
    // The evaluation's staging table is gone.
    expect(
      await queryRows(
        yorozu,
        "SELECT name FROM system.tables WHERE name LIKE 'snapshot\\_%' AND database = currentDatabase()",
      ),
    ).toEqual([]);
  });

  it("a policy that reads a raw table past the parse check is refused on the whole that runs; its error is recorded and the others' verdicts land", async () => {
    const escaping = policy('escapes', `SELECT device_id, 0 AS passed, '' AS detail FROM devices_current`);
    const passing = policy('passes-all', PASSES_ALL);
    // The parse-tree check is told the escaping text is fine: only the check on the resolved whole stands.
    const parsed = new Map<string, PolicyProblem | null>([[escaping.query, null]]);
    const done = await yorozu.health.evaluation.evaluate(ours.participantId, now, 'test', [escaping, passing], {
      parsed,
    });
    expect(done.errors).toHaveLength(1);
    expect(done.errors[0]).toMatch(/^escapes: The policy reads yorozu\.devices_current, outside/);
    const rows = await verdictsOf(done.evaluationId);
    expect(rows.map((row) => [row.policy_id, row.host, row.status])).toEqual([
      [passing.policy_id, 'OURS-PC-1', 'pass'],
      [passing.policy_id, 'OURS-PC-2', 'pass'],
    ]);
  });

  it("a policy that fails while it runs gets its error; the others' verdicts land and none of its own", async () => {
    const throwing = policy(
      'throws',
      `SELECT device_id, throwIf(1, 'policy broke') AS passed, '' AS detail FROM p_devices`,
    );
    const failing = policy('fails-pc-1', FAILS_PC_1);
    const done = await yorozu.health.evaluation.evaluate(ours.participantId, now, 'test', [throwing, failing]);
    expect(done.errors).toEqual([expect.stringMatching(/^throws: .*policy broke/)]);
    expect(done.failures).toBe(1);
    const rows = await verdictsOf(done.evaluationId);
    expect(rows.map((row) => [row.policy_id, row.host, row.status])).toEqual([
      [failing.policy_id, 'OURS-PC-1', 'fail'],
      [failing.policy_id, 'OURS-PC-2', 'unknown'],
    ]);
  });

  it("the SELECT wrapped around the policies' outcome is checked with them: a wrapper reading a raw table inserts nothing", async () => {
    await yorozu.database.client.command({ query: 'CREATE TABLE wrapper_probe (device_id String) ENGINE = Memory' });
    const insertWith = (select: string) =>
      insertPoliciesTogether(yorozu.database.client, ours.participantId, [PASSES_ALL], now, {
        into: 'wrapper_probe',
        columns: 'device_id',
        outcome: () => ({ select, params: {} }),
      });
    const refused = await insertWith('SELECT toString(device_id) FROM devices_current');
    expect(refused.get(PASSES_ALL)).toMatchObject({
      error: { problem: { code: 'table_not_allowed' } },
    });
    expect(await queryRows(yorozu, 'SELECT device_id FROM wrapper_probe')).toEqual([]);
    // The same wrapper over the outcome and the scoped tables runs: only this participant's devices.
    const accepted = await insertWith(
      'SELECT o.device_id FROM policy_outcomes AS o JOIN p_devices AS d ON o.device_id = toString(d.device_id)',
    );
    expect(accepted.get(PASSES_ALL)).toEqual({ inserted: true });
    const inserted = await queryRows<{ device_id: string }>(
      yorozu,
      'SELECT device_id FROM wrapper_probe ORDER BY device_id',
    );
    expect(inserted.map((row) => row.device_id)).toEqual([...ours.devices.keys()].sort());
  });
});
