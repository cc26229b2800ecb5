import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { toClickHouseTime } from '../../common/clickhouse-time.js';
import { operatorClient, participantUserClient, type ApiClient } from '../../harness/api-client.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';
import type * as contract from '../../contract/index.js';

/**
 * Issue 22: a known-bad domain in every participant's data in one search (operators only), each participant
 * searched recorded in its own access log with the purpose (terms art. 15).
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let operator: ApiClient;
const offices: { participantId: string; deviceId: string; user: ApiClient }[] = [];
const BAD = 'login-microsft-verify.example';

beforeAll(async () => {
  yorozu = await startTestYorozu('cross-participant-search');
  operator = await operatorClient(yorozu.url);
  for (const [index, name] of ['株式会社ひがし', '株式会社にし', '株式会社みなみ'].entries()) {
    const { participantId, secret } = await participantWithSecret(yorozu, name);
    const device = await enroll(yorozu.url, secret, `PC-${index}`);
    const user = await participantUserClient(yorozu.url, operator, participantId, `cross-user-${index}`);
    offices.push({ participantId, deviceId: device.deviceId, user });
    const at = (minutes: number) => toClickHouseTime(Date.now() - minutes * 60_000);
    // The first two visited the bad domain; the third only an ordinary site.
    await yorozu.database.client.insert({
      table: 'events',
      values: [
        { domain: index < 2 ? BAD : 'www.example.jp', seq: 1 },
        { domain: 'www.example.jp', seq: 2 },
      ].map((event) => ({
        participant_id: participantId,
        device_id: device.deviceId,
        seq: event.seq,
        time: at(30 + event.seq),
        received_at: at(30),
        category: 'web_access',
        url: `https://${event.domain}/`,
        domain: event.domain,
      })),
      format: 'JSONEachRow',
    });
  }
});

afterAll(async () => {
  await yorozu?.cleanup();
});

const path = (params: Record<string, string>) => `/api/v1/admin/events?${new URLSearchParams(params).toString()}`;

describe('search across participants', () => {
  it("finds the domain in every participant's data in one search, and logs the access in each", async () => {
    const reply = await operator.call<contract.CrossParticipantPage>('GET', path({ q: `domain:${BAD}` }));
    expect(reply.status).toBe(200);
    expect(new Set(reply.body.events.map((e) => e.participant_id))).toEqual(
      new Set([offices[0]!.participantId, offices[1]!.participantId]),
    );
    expect(reply.body.participants).toEqual(expect.arrayContaining(offices.map((o) => o.participantId)));
    for (const office of offices) {
      const log = await office.user.call<contract.AccessLog>(
        'GET',
        `/api/v1/participants/${office.participantId}/access-log`,
      );
      expect(log.body.accessLog).toContainEqual(
        expect.objectContaining({ route: 'GET /api/v1/admin/events', purpose: 'operation' }),
      );
    }
  });

  it('searches only the chosen participants when some are named, and refuses an unknown one', async () => {
    const chosen = offices[1]!.participantId;
    const reply = await operator.call<contract.CrossParticipantPage>(
      'GET',
      path({ q: `domain:${BAD}`, participants: chosen }),
    );
    expect(reply.body.participants).toEqual([chosen]);
    expect(new Set(reply.body.events.map((e) => e.participant_id))).toEqual(new Set([chosen]));
    const unknown = await operator.call('GET', path({ participants: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown.status).toBe(400);
  });

  it("a participant's user never reaches it", async () => {
    const reply = await offices[0]!.user.call('GET', path({ q: `domain:${BAD}` }));
    expect(reply.status).toBe(403);
  });
});
