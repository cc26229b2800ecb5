import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { toClickHouseTime } from '../../common/clickhouse-time.js';
import { operatorClient, participantUserClient, type ApiClient } from '../../harness/api-client.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';
import type * as contract from '../../contract/index.js';

/**
 * "Failing since" and the trend from the stored data: a participant (or a policy) new to the evaluation gets
 * its verdicts at past instants, so the report says when the problem began rather than when Yorozu first looked.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let operator: ApiClient;
let user: ApiClient;
let office: { participantId: string; deviceId: string };
const HOUR = 3_600_000;
const now = Date.now();
/** The antivirus was switched off at :25 past an hour three days ago, and stayed off. */
const switchedOff = Math.floor((now - 3 * 24 * HOUR) / HOUR) * HOUR + 25 * 60_000;

const policyBody = (slug: string, checkId: string) => ({
  slug,
  severity: 'critical',
  title: { ja: `${checkId} が合格`, en: `${checkId} passes` },
  description: { ja: '最新の結果が pass', en: 'The latest result is pass' },
  remediation: { ja: '設定を確認してください。', en: 'Check the settings.' },
  // sql-paste-ok: a policy's text is data saved through the API; the check id is one of this test's two literals
  query: `SELECT d.device_id AS device_id, h.status = 'pass' AS passed, h.detail AS detail FROM p_devices AS d LEFT JOIN p_health AS h ON h.device_id = d.device_id AND h.check_id = '${checkId}'`,
  enabled: true,
});

async function reportHealth(checkId: string, at: number, status: 'pass' | 'fail') {
  await yorozu.database.client.insert({
    table: 'health_results',
    values: [
      {
        participant_id: office.participantId,
        device_id: office.deviceId,
        check_id: checkId,
        time: toClickHouseTime(at),
        status,
        value: status,
        detail: status === 'pass' ? '有効' : '停止中',
        received_at: toClickHouseTime(at),
      },
    ],
    format: 'JSONEachRow',
  });
}

beforeAll(async () => {
  yorozu = await startTestYorozu('health-history');
  const { participantId, secret } = await participantWithSecret(yorozu, '株式会社れきし');
  const device = await enroll(yorozu.url, secret, 'REKISHI-PC-01');
  office = { participantId, deviceId: device.deviceId };
  operator = await operatorClient(yorozu.url);
  user = await participantUserClient(yorozu.url, operator, participantId, 'rekishi-user');
  // Only this test's policies count: the built-in pack is disabled.
  const all = await operator.call<contract.PolicyList>('GET', '/api/v1/admin/policies');
  for (const builtin of all.body.policies.filter((p) => p.builtin)) {
    const body = {
      slug: builtin.slug,
      severity: builtin.severity,
      title: { ja: builtin.title_ja, en: builtin.title_en },
      description: { ja: builtin.description_ja, en: builtin.description_en },
      remediation: { ja: builtin.remediation_ja, en: builtin.remediation_en },
      query: builtin.query,
      enabled: false,
    };
    expect((await operator.call('PUT', `/api/v1/admin/policies/${builtin.policy_id}`, body)).status).toBe(200);
  }
  // Five days of stored activity (one event, through the same table the agents' events land in).
  await yorozu.database.client.insert({
    table: 'events',
    values: [
      {
        participant_id: participantId,
        device_id: device.deviceId,
        time: toClickHouseTime(now - 5 * 24 * HOUR),
        received_at: toClickHouseTime(now - 5 * 24 * HOUR),
        seq: 1,
        category: 'boot',
      },
    ],
    format: 'JSONEachRow',
  });
  await reportHealth('antivirus.running', now - 5 * 24 * HOUR, 'pass');
  await reportHealth('antivirus.running', switchedOff, 'fail');
  await reportHealth('firewall.enabled', now - 5 * 24 * HOUR, 'pass');
  await reportHealth('firewall.enabled', switchedOff + 24 * HOUR, 'fail');
});

afterAll(async () => {
  await yorozu?.cleanup();
});

const firstHourAfter = (at: number) => toClickHouseTime(Math.ceil(at / HOUR) * HOUR);
const report = async () =>
  (await user.call<contract.HealthReport>('GET', `/api/v1/participants/${office.participantId}/health`)).body;

describe('health history from the stored data', () => {
  it('the first evaluation of a new participant says since when a policy fails, and the trend has the past days', async () => {
    expect(
      (await operator.call('POST', '/api/v1/admin/policies', policyBody('av-on', 'antivirus.running'))).status,
    ).toBe(201);
    const run = await yorozu.jobs.runNow('health-evaluation');
    expect(run.result).toMatchObject({ participants: 1, errors: 0 });
    const body = await report();
    const failing = body.failing.find((policy) => policy.slug === 'av-on')!;
    expect(failing.devices[0]!.failing_since).toBe(firstHourAfter(switchedOff));
    expect(body.trend.length).toBeGreaterThanOrEqual(5);
    expect(body.trend.some((point) => point.score === 100)).toBe(true);
    expect(body.trend.at(-1)!.score).toBe(0);
  });

  it('a policy added later gets its own past verdicts, and they do not become points of the score trend', async () => {
    const trendBefore = (await report()).trend;
    expect(
      (await operator.call('POST', '/api/v1/admin/policies', policyBody('fw-on', 'firewall.enabled'))).status,
    ).toBe(201);
    await yorozu.jobs.runNow('health-evaluation');
    const body = await report();
    const failing = body.failing.find((policy) => policy.slug === 'fw-on')!;
    expect(failing.devices[0]!.failing_since).toBe(firstHourAfter(switchedOff + 24 * HOUR));
    // The past days' points are still the whole evaluations' scores (one policy each), not the new policy's alone.
    expect(body.trend.slice(0, -1)).toEqual(trendBefore.slice(0, -1));
    const [partial] = await queryRows<{ n: string }>(
      yorozu,
      "SELECT count() AS n FROM policy_evaluations WHERE participant_id = {p:UUID} AND startsWith(trigger, 'policy-history')",
      { p: office.participantId },
    );
    expect(Number(partial!.n)).toBeGreaterThan(0);
  });
});
