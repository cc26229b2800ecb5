import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import type * as contract from '../../contract/index.js';
import { operatorClient, signIn, type ApiClient } from '../../harness/api-client.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * "New since the last visit" in the attention queue is kept on the server per operator account (it used to
 * live in one browser's localStorage): each account's visit returns its own previous one, and one operator
 * opening the queue does not change what is new for another.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let first: ApiClient;
let second: ApiClient;
let participantId = '';
const RULE_ID = 'op-test-last-visit';
const RULE = `title: 来訪テスト用 mimikatz
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
const VISIT = '/api/v1/admin/attention/visit';
const ch = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const instant = (text: string) => new Date(`${text.replace(' ', 'T')}Z`).getTime();

beforeAll(async () => {
  yorozu = await startTestYorozu('attention-visits');
  first = await operatorClient(yorozu.url);
  const created = await first.call('POST', '/api/v1/admin/accounts', {
    loginName: 'visit-second-operator',
    displayName: '二人目',
    password: 'second-desk-password-42',
  });
  expect(created.status).toBe(201);
  second = await signIn(yorozu.url, 'visit-second-operator', 'second-desk-password-42');
  await second.call('PUT', '/api/v1/auth/session/purpose', { purpose: 'maintenance', note: '' });
  const office = await participantWithSecret(yorozu, '株式会社らいほう');
  participantId = office.participantId;
  const device = await enroll(yorozu.url, office.secret, 'RAIHO-PC-01');
  const at = Date.now() - 3_600_000;
  await yorozu.database.client.insert({
    table: 'events',
    values: [
      {
        participant_id: participantId,
        device_id: device.deviceId,
        seq: 1,
        time: ch(at),
        received_at: ch(at),
        category: 'software_operation',
        action: 'start',
        user_name: 'visit.taro',
        process_name: 'mimikatz.exe',
      },
    ],
    format: 'JSONEachRow',
  });
  expect(
    (await first.call('PUT', `/api/v1/admin/detection-rules/${RULE_ID}`, { enabled: true, yaml: RULE })).status,
  ).toBe(200);
});

afterAll(async () => {
  await yorozu?.cleanup();
});

const visit = async (operator: ApiClient) => {
  const response = await operator.call<contract.AttentionVisit>('POST', VISIT);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.previousVisit;
};

/** The ids of the queue's items detected after the visit given: the ones the page marks as new. */
const newSince = async (operator: ApiClient, since: string | null) => {
  const queue = await operator.call<contract.AttentionQueue>(
    'GET',
    `/api/v1/admin/attention?participant=${participantId}`,
  );
  expect(queue.status).toBe(200);
  return queue.body.items
    .filter((item) => item.ruleId === RULE_ID)
    .filter((item) => since !== null && instant(item.detectedAt) > instant(since))
    .map((item) => item.itemId);
};

describe('the last visit to the attention queue, per operator account', () => {
  it("each operator's visit returns its own previous one; another operator's visit leaves its new marks alone", async () => {
    expect(await visit(first)).toBeNull();
    expect(await visit(second)).toBeNull();

    // A finding detected after both visits is new for both.
    await yorozu.detections.run.runFor(participantId, new Date());
    const found = await newSince(first, '1970-01-01 00:00:00');
    expect(found).toHaveLength(1);

    // The first operator looks twice: the finding is new the first time, not the second.
    const firstPrevious = await visit(first);
    expect(await newSince(first, firstPrevious)).toEqual(found);
    const firstAgain = await visit(first);
    expect(instant(firstAgain!)).toBeGreaterThan(instant(firstPrevious!));
    expect(await newSince(first, firstAgain)).toEqual([]);

    // The second operator's previous visit is still its own, from before the finding: still new for it.
    const secondPrevious = await visit(second);
    expect(instant(secondPrevious!)).toBeLessThan(instant(firstAgain!));
    expect(await newSince(second, secondPrevious)).toEqual(found);
  });

  it('without a session, no visit is recorded', async () => {
    const anonymous = await fetch(`${yorozu.url}${VISIT}`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });
});
