import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { operatorClient, type ApiClient } from '../../harness/api-client.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Per-participant exceptions to a detection rule, through the API and the run: a value exception silences only
 * the matching events, a whole-rule exception silences the rule for that participant only, each carries its
 * reason and who set it, a field Yorozu does not have is refused by name, and lifting one restores the rule.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let operator: ApiClient;
let a = '';
let b = '';
const RULE_ID = 'op-test-exceptions';
const RULE = `title: ツール名で見る mimikatz
id: ${RULE_ID}
logsource:
  product: yorozu
  category: software_operation
detection:
  selection:
    process_name|endswith: 'mimikatz.exe'
  condition: 1 of them
level: high
`;
const ch = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

beforeAll(async () => {
  yorozu = await startTestYorozu('rule-exceptions');
  operator = await operatorClient(yorozu.url);
  const plant = async (name: string, host: string) => {
    const office = await participantWithSecret(yorozu, name);
    const device = await enroll(yorozu.url, office.secret, host);
    const at = Date.now() - 3_600_000;
    await yorozu.database.client.insert({
      table: 'events',
      values: ['rule.taro', 'svc-backup'].map((user, i) => ({
        participant_id: office.participantId,
        device_id: device.deviceId,
        seq: i + 1,
        time: ch(at + i * 1000),
        received_at: ch(at + i * 1000),
        category: 'software_operation',
        action: 'start',
        user_name: user,
        process_name: 'mimikatz.exe',
      })),
      format: 'JSONEachRow',
    });
    return office.participantId;
  };
  a = await plant('株式会社れいがい', 'REI-PC-01');
  b = await plant('株式会社ほかの', 'HOKA-PC-01');
  expect(
    (await operator.call('PUT', `/api/v1/admin/detection-rules/${RULE_ID}`, { enabled: true, yaml: RULE })).status,
  ).toBe(200);
});

afterAll(async () => {
  await yorozu?.cleanup();
});

const usersFound = async (participantId: string) =>
  (await yorozu.detections.run.runFor(participantId, new Date())).findings
    .filter((f) => f.rule_id === RULE_ID)
    .map((f) => f.user_name)
    .sort();

interface Listed {
  exceptions: {
    exceptionId: string;
    participantId: string;
    field: string;
    value: string;
    reason: string;
    changedBy: string;
  }[];
}

describe('exceptions to a detection rule', () => {
  it('a value exception silences only the matching events, for that participant only', async () => {
    expect(await usersFound(a)).toEqual(['rule.taro', 'svc-backup']);
    const set = await operator.call<Listed>('POST', `/api/v1/admin/participants/${a}/detection-exceptions`, {
      ruleId: RULE_ID,
      field: 'user_name',
      value: 'SVC-BACKUP',
      reason: 'バックアップ用アカウントの定期処理',
    });
    expect(set.status).toBe(200);
    expect(set.body.exceptions).toEqual([
      expect.objectContaining({
        participantId: a,
        field: 'user_name',
        value: 'SVC-BACKUP',
        reason: 'バックアップ用アカウントの定期処理',
        changedBy: 'admin',
      }),
    ]);
    expect(await usersFound(a)).toEqual(['rule.taro']);
    expect(await usersFound(b)).toEqual(['rule.taro', 'svc-backup']);
  });

  it('refuses a field Yorozu does not have, by name, and an exception without a reason', async () => {
    const unknown = await operator.call<{ error: { code: string; rule?: { missingFields: string[] } } }>(
      'POST',
      `/api/v1/admin/participants/${a}/detection-exceptions`,
      { ruleId: RULE_ID, field: 'NoSuchField', value: 'x', reason: '理由' },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('invalid_rule');
    expect(unknown.body.error.rule?.missingFields).toEqual(['NoSuchField']);
    const noReason = await operator.call('POST', `/api/v1/admin/participants/${a}/detection-exceptions`, {
      ruleId: RULE_ID,
      reason: '',
    });
    expect(noReason.status).toBe(400);
  });

  it('a whole-rule exception silences the rule for that participant; lifting it restores the rule', async () => {
    const set = await operator.call<Listed>('POST', `/api/v1/admin/participants/${b}/detection-exceptions`, {
      ruleId: RULE_ID,
      reason: '検証用端末のため',
    });
    expect(set.status).toBe(200);
    expect(await usersFound(b)).toEqual([]);
    expect(await usersFound(a)).toEqual(['rule.taro']);
    const whole = set.body.exceptions.find((e) => e.participantId === b)!;
    expect(whole.field).toBe('');
    const lifted = await operator.call<Listed>(
      'DELETE',
      `/api/v1/admin/participants/${b}/detection-exceptions/${whole.exceptionId}`,
    );
    expect(lifted.status).toBe(200);
    expect(lifted.body.exceptions.map((e) => e.participantId)).toEqual([a]);
    expect(await usersFound(b)).toEqual(['rule.taro', 'svc-backup']);
  });

  it("titles a bundled SigmaHQ rule's exception in both languages, as the rule list does", async () => {
    const mimikatz = 'a642964e-bead-4bed-8910-1bb4d63e3b4d';
    const set = await operator.call<{ exceptions: { ruleId: string; ruleTitle: string; ruleTitleEn: string }[] }>(
      'POST',
      `/api/v1/admin/participants/${b}/detection-exceptions`,
      { ruleId: mimikatz, reason: '検証用端末のため' },
    );
    expect(set.status).toBe(200);
    expect(set.body.exceptions.find((e) => e.ruleId === mimikatz)).toMatchObject({
      ruleTitle: 'ハッキングツール Mimikatz の実行',
      ruleTitleEn: 'HackTool - Mimikatz Execution',
    });
    // An operator's own rule has one title, the same in both.
    expect(set.body.exceptions.find((e) => e.ruleId === RULE_ID)).toMatchObject({
      ruleTitle: 'ツール名で見る mimikatz',
      ruleTitleEn: 'ツール名で見る mimikatz',
    });
  });
});
