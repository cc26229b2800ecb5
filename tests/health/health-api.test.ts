import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { operatorClient, participantUserClient, type ApiClient } from '../../harness/api-client.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';
import type * as contract from '../../contract/index.js';

/** Policies as data through the API: validated before saving, tried on a sample, evaluated into a history with scores. */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let operator: ApiClient;
let user: ApiClient;
let office: { participantId: string; devices: { deviceId: string; hostname: string }[] };

const policy = {
  slug: 'test-antivirus',
  severity: 'high',
  title: { ja: 'ウイルス対策が動作している', en: 'Antivirus running' },
  description: { ja: 'エージェントの antivirus.running が pass', en: 'The agent reports antivirus.running as pass' },
  remediation: {
    ja: 'ウイルス対策ソフトのリアルタイム保護を有効にしてください。',
    en: 'Turn real-time protection on.',
  },
  query: `SELECT d.device_id AS device_id, h.status = 'pass' AS passed, h.detail AS detail FROM p_devices AS d LEFT JOIN p_health AS h ON h.device_id = d.device_id AND h.check_id = 'antivirus.running'`,
  enabled: true,
};

async function reportHealth(deviceId: string, time: string, status: 'pass' | 'fail', detail: string) {
  await yorozu.database.client.insert({
    table: 'health_results',
    values: [
      {
        participant_id: office.participantId,
        device_id: deviceId,
        check_id: 'antivirus.running',
        time,
        status,
        value: status === 'pass' ? 'running' : 'stopped',
        detail,
        received_at: time,
      },
    ],
    format: 'JSONEachRow',
  });
}

beforeAll(async () => {
  yorozu = await startTestYorozu('health-api');
  const { participantId, secret } = await participantWithSecret(yorozu, '株式会社けんこう');
  const devices = [];
  for (const hostname of ['KENKO-PC-01', 'KENKO-PC-02'])
    devices.push({ ...(await enroll(yorozu.url, secret, hostname)), hostname });
  office = { participantId, devices };
  operator = await operatorClient(yorozu.url);
  user = await participantUserClient(yorozu.url, operator, participantId, 'kenko-user');
});

afterAll(async () => {
  await yorozu?.cleanup();
});

describe('policies as data', () => {
  it('a policy that reads another table is refused before it is saved, with the reason in both languages', async () => {
    const refused = await operator.call('POST', '/api/v1/admin/policies', {
      ...policy,
      slug: 'sneaky',
      query: 'SELECT device_id, 1 AS passed, detail FROM health_results',
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: {
        code: 'invalid_policy',
        policy: {
          code: 'table_not_allowed',
          message: { ja: expect.stringContaining('health_results'), en: expect.stringContaining('p_health') },
        },
      },
    });
  });

  it('a policy without the expected columns is refused before it is saved, naming the missing column', async () => {
    const refused = await operator.call('POST', '/api/v1/admin/policies', {
      ...policy,
      slug: 'no-detail',
      query: 'SELECT device_id, 1 AS passed FROM p_devices',
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: { code: 'invalid_policy', message: expect.stringContaining('detail') },
    });
  });

  it("the operator tries a policy on the participant's data before enabling it, and the trial is in the access log", async () => {
    await reportHealth(office.devices[0]!.deviceId, '2026-11-20 01:00:00.000', 'fail', 'リアルタイム保護が無効です');
    await reportHealth(office.devices[1]!.deviceId, '2026-11-20 01:00:00.000', 'pass', '');
    const tried = await operator.call<contract.PolicyTried>('POST', '/api/v1/admin/policies/try', {
      participantId: office.participantId,
      query: policy.query,
    });
    expect(tried.status).toBe(200);
    expect(tried.body.devices).toBe(2);
    expect(new Map(tried.body.verdicts.map((v) => [v.device_id, v.passed]))).toEqual(
      new Map([
        [office.devices[0]!.deviceId, false],
        [office.devices[1]!.deviceId, true],
      ]),
    );
    const log = await user.call<contract.AccessLog>('GET', `/api/v1/participants/${office.participantId}/access-log`);
    expect(log.body.accessLog.map((entry) => entry.what)).toContain('health policy trial run');
  });

  it('evaluations build a history: a failing device, then the same device passing from the time it was fixed', async () => {
    const created = await operator.call<contract.PolicySaved>('POST', '/api/v1/admin/policies', policy);
    expect(created.status).toBe(201);
    // Only this policy counts in this test: disable the built-in pack.
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
    const first = new Date('2026-11-21T00:00:00Z');
    await yorozu.health.evaluation.evaluate(office.participantId, first, 'test');
    let report = await user.call<contract.HealthReport>('GET', `/api/v1/participants/${office.participantId}/health`);
    expect(report.body.score).toBe(50);
    expect(report.body.failing).toEqual([
      expect.objectContaining({
        slug: 'test-antivirus',
        remediation: expect.objectContaining({ ja: expect.stringContaining('リアルタイム保護') }),
        devices: [expect.objectContaining({ hostname: 'KENKO-PC-01', failing_since: '2026-11-21 00:00:00.000' })],
      }),
    ]);
    expect(report.body.disclaimer.ja).toContain('リスクそのものを取り除くものではありません');
    // The policy list says how many devices fail each policy and when it was last evaluated.
    const listed = await operator.call<contract.PolicyList>('GET', '/api/v1/admin/policies');
    expect(listed.body.policies.find((p) => p.slug === 'test-antivirus')).toMatchObject({
      failing_devices: 1,
      last_evaluated_at: '2026-11-21 00:00:00.000',
    });

    await yorozu.health.evaluation.evaluate(office.participantId, new Date('2026-11-22T00:00:00Z'), 'test');
    await reportHealth(office.devices[0]!.deviceId, '2026-11-22 03:00:00.000', 'pass', '');
    await yorozu.health.evaluation.evaluate(office.participantId, new Date('2026-11-23T00:00:00Z'), 'test');
    report = await user.call('GET', `/api/v1/participants/${office.participantId}/health`);
    expect(report.body.score).toBe(100);
    expect(report.body.failing).toEqual([]);
    const fixed = (report.body as unknown as { remediated: { hostname: string; passing_since: string }[] }).remediated;
    expect(fixed).toEqual([
      expect.objectContaining({ hostname: 'KENKO-PC-01', passing_since: '2026-11-23 00:00:00.000' }),
    ]);
    const device = await user.call<contract.DeviceHealth>(
      'GET',
      `/api/v1/participants/${office.participantId}/devices/${office.devices[0]!.deviceId}/health`,
    );
    expect(device.body).toEqual({
      score: 100,
      policies: [
        expect.objectContaining({ slug: 'test-antivirus', status: 'pass', passing_since: '2026-11-23 00:00:00.000' }),
      ],
    });
  });

  it('the scheduled evaluation runs for every participant that takes part', async () => {
    const run = await yorozu.jobs.runNow('health-evaluation');
    expect(run.result).toMatchObject({ participants: 1, errors: 0 });
  });

  it("the fleet overview and the device list show each participant's and device's latest score", async () => {
    await reportHealth(
      office.devices[1]!.deviceId,
      new Date().toISOString().replace('T', ' ').slice(0, 23),
      'fail',
      '停止中',
    );
    await yorozu.health.evaluation.evaluate(office.participantId, new Date(Date.now() + 1000), 'test');
    const fleet = await operator.call<contract.Fleet>('GET', '/api/v1/admin/fleet');
    expect(fleet.body.participants.find((p) => p.participant_id === office.participantId)).toMatchObject({
      score: 50,
      devices_failing: 1,
    });
    const devices = await user.call<contract.DeviceOverview>(
      'GET',
      `/api/v1/participants/${office.participantId}/device-overview?sort=score`,
    );
    expect(devices.body.devices.map((d) => [d.hostname, d.score, d.failing_policies])).toEqual([
      ['KENKO-PC-02', 0, 1],
      ['KENKO-PC-01', 100, 0],
    ]);
  });
});

describe('findings in both languages', () => {
  const bilingual = {
    ...policy,
    slug: 'test-antivirus-bilingual',
    query: `SELECT d.device_id AS device_id, h.status = 'pass' AS passed, concat('ウイルス対策の状態: ', h.value) AS detail, concat('Antivirus state: ', h.value) AS detail_en FROM p_devices AS d LEFT JOIN p_health AS h ON h.device_id = d.device_id AND h.check_id = 'antivirus.running'`,
  };

  it("a policy's detail_en is stored beside its detail, and the report and device page answer both; a policy without it answers its detail in both", async () => {
    const tried = await operator.call<contract.PolicyTried>('POST', '/api/v1/admin/policies/try', {
      participantId: office.participantId,
      query: bilingual.query,
    });
    expect(tried.body.verdicts.find((v) => v.device_id === office.devices[1]!.deviceId)).toEqual({
      device_id: office.devices[1]!.deviceId,
      passed: false,
      detail: 'ウイルス対策の状態: stopped',
      detail_en: 'Antivirus state: stopped',
    });
    const created = await operator.call<contract.PolicySaved>('POST', '/api/v1/admin/policies', bilingual);
    expect(created.status).toBe(201);
    const evaluated = await yorozu.health.evaluation.evaluate(
      office.participantId,
      new Date(Date.now() + 2000),
      'test',
    );
    const stored = await queryRows<{ slug: string; hostname: string; detail: string; detail_en: string }>(
      yorozu,
      `SELECT p.slug AS slug, d.hostname AS hostname, r.detail AS detail, r.detail_en AS detail_en
       FROM policy_results AS r
       INNER JOIN (SELECT policy_id, argMax(slug, version) AS slug FROM policies GROUP BY policy_id) AS p ON p.policy_id = r.policy_id
       INNER JOIN (SELECT device_id, hostname FROM devices_current) AS d ON d.device_id = r.device_id
       WHERE r.evaluation_id = {evaluation:UUID}
       ORDER BY slug, hostname`,
      { evaluation: evaluated.evaluationId },
    );
    expect(stored).toEqual([
      { slug: 'test-antivirus', hostname: 'KENKO-PC-01', detail: '', detail_en: '' },
      { slug: 'test-antivirus', hostname: 'KENKO-PC-02', detail: '停止中', detail_en: '' },
      {
        slug: 'test-antivirus-bilingual',
        hostname: 'KENKO-PC-01',
        detail: 'ウイルス対策の状態: running',
        detail_en: 'Antivirus state: running',
      },
      {
        slug: 'test-antivirus-bilingual',
        hostname: 'KENKO-PC-02',
        detail: 'ウイルス対策の状態: stopped',
        detail_en: 'Antivirus state: stopped',
      },
    ]);

    const report = await user.call<contract.HealthReport>('GET', `/api/v1/participants/${office.participantId}/health`);
    const findingsOf = (slug: string) =>
      report.body.failing.find((p) => p.slug === slug)?.devices.map((d) => [d.hostname, d.detail]);
    expect(findingsOf('test-antivirus-bilingual')).toEqual([
      ['KENKO-PC-02', { ja: 'ウイルス対策の状態: stopped', en: 'Antivirus state: stopped' }],
    ]);
    expect(findingsOf('test-antivirus')).toEqual([['KENKO-PC-02', { ja: '停止中', en: '停止中' }]]);
    const device = await user.call<contract.DeviceHealth>(
      'GET',
      `/api/v1/participants/${office.participantId}/devices/${office.devices[0]!.deviceId}/health`,
    );
    expect(device.body.policies.find((p) => p.slug === 'test-antivirus-bilingual')?.detail).toEqual({
      ja: 'ウイルス対策の状態: running',
      en: 'Antivirus state: running',
    });
  });
});
