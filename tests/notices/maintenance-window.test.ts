import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll } from '../../agent/protocol-client.js';
import type { ServerMessage } from '../../agent-protocol/index.js';
import { operatorClient, participantUserClient, type ApiClient } from '../../harness/api-client.js';
import { earliestPlannedStart } from '../../participants/rules/suspension-lead-time.js';
import { simpleEvents } from '../support/every-category.js';
import { TestRelay } from '../support/test-relay.js';
import { startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Maintenance windows (terms art. 8): a planned window keeps the lead time in business days, an urgent
 * one needs a ground of art. 8 (1); every window is announced (mail received on the loopback relay,
 * listed in the participant's portal); during it every agent is paused — the one connected, one that
 * connects mid-window, an HTTP-only agent and an OTLP Collector (503 with Retry-After and the end) —
 * and after it they send again.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let relay: TestRelay;
let operator: ApiClient;
let participantId: string;
let user: ApiClient;
let credentials: string[];
const ADDRESS = 'jouhou@hoshu.example.jp';

const isCommand =
  (kind: string) =>
  (message: ServerMessage): message is Extract<ServerMessage, { type: 'command' }> =>
    message.type === 'command' && message.command.kind === kind;

interface Suspension {
  suspension_id: string;
  scope: string;
  status: string;
  starts_at: string;
  ends_at: string | null;
}

beforeAll(async () => {
  relay = new TestRelay();
  const port = await relay.start();
  yorozu = await startTestYorozu('maintenance-window', {
    YOROZU_SMTP_RELAY_URL: `smtp://127.0.0.1:${port}`,
    YOROZU_MAIL_FROM: 'よろず相談窓口 <desk@yorozu.localhost>',
  });
  operator = await operatorClient(yorozu.url);
  const created = await operator.call<{ participantId: string }>('POST', '/api/v1/admin/participants', {
    organisation: '株式会社ほしゅ',
    contactEmail: ADDRESS,
  });
  participantId = created.body.participantId;
  user = await participantUserClient(yorozu.url, operator, participantId, 'hoshu-user');
  const secret = await operator.call<{ secret: string }>(
    'POST',
    `/api/v1/admin/participants/${participantId}/enrollment-secrets`,
    { label: '本社' },
  );
  credentials = [];
  for (const host of ['PC-WS-1', 'PC-WS-2', 'PC-HTTP', 'PC-OTLP'])
    credentials.push((await enroll(yorozu.url, secret.body.secret, host)).credential);
}, 120_000);

afterAll(async () => {
  await yorozu?.cleanup();
  await relay?.stop();
});

const batch = (credential: string) =>
  fetch(new URL('/v1/batches', yorozu.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: JSON.stringify({ v: 1, type: 'events', batchId: randomUUID(), events: simpleEvents(1, 2) }),
  });
const otlp = (credential: string) =>
  fetch(new URL('/v1/logs', yorozu.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: JSON.stringify({ resourceLogs: [] }),
  });

describe('maintenance windows (art. 8)', () => {
  it('a planned window inside the lead time is refused with the earliest start; an urgent one needs a ground of art. 8 (1)', async () => {
    const lead = await operator.call<{ leadBusinessDays: number; earliestPlannedStart: string }>(
      'GET',
      '/api/v1/admin/service-suspensions/earliest-start',
    );
    expect(lead.body.leadBusinessDays).toBe(3);
    expect(new Date(lead.body.earliestPlannedStart).getTime()).toBe(earliestPlannedStart(new Date(), 3).getTime());
    const tooSoon = await operator.call('POST', '/api/v1/admin/service-suspensions', {
      reasonCode: 'maintenance',
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(tooSoon.status).toBe(400);
    expect(tooSoon.body).toMatchObject({
      error: { code: 'notice_too_short', message: expect.stringContaining('3 business days') },
    });
    const urgentOther = await operator.call('POST', '/api/v1/admin/service-suspensions', {
      reasonCode: 'other',
      urgent: true,
    });
    expect(urgentOther.status).toBe(400);
    expect(urgentOther.body).toMatchObject({ error: { code: 'urgent_reason_required' } });
  });

  it('a planned window is announced, pauses every agent (also one connecting mid-window, HTTP and OTLP) and resumes after', async () => {
    const startsAt = new Date(earliestPlannedStart(new Date(), 3).getTime() + 3_600_000);
    const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
    const planned = await operator.call<{ suspension: Suspension }>('POST', '/api/v1/admin/service-suspensions', {
      reasonCode: 'maintenance',
      note: 'サーバーの部品交換',
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
    });
    expect(planned.status, JSON.stringify(planned.body)).toBe(201);
    const windowId = planned.body.suspension.suspension_id;
    // The notice reaches the registered address, and the portal lists the upcoming window.
    await expect
      .poll(() => relay.mails.find((m) => m.to.includes(ADDRESS) && m.text.includes('サーバーの部品交換')), {
        timeout: 30_000,
      })
      .toBeDefined();
    const upcoming = await user.call<{ suspensions: Suspension[] }>(
      'GET',
      `/api/v1/participants/${participantId}/service-suspensions`,
    );
    expect(upcoming.body.suspensions).toContainEqual(
      expect.objectContaining({ suspension_id: windowId, scope: 'all', status: 'scheduled' }),
    );

    const [wsOne, wsTwo, httpOnly, collector] = credentials as [string, string, string, string];
    const connected = await AgentConnection.open(yorozu.url, wsOne);
    const paused = connected.next(isCommand('pause'), 30_000);
    expect((await yorozu.jobs.runNow('service-suspensions', new Date(startsAt.getTime() + 1000))).result).toMatchObject(
      { started: 1 },
    );
    expect((await paused).command).toMatchObject({ kind: 'pause', until: endsAt.toISOString() });

    // An agent connecting mid-window is told to pause as soon as it is in.
    const late = await AgentConnection.open(yorozu.url, wsTwo);
    // (Read from everything received: the pause may arrive before a listener could be set.)
    await expect
      .poll(() => late.received.find((m) => isCommand('pause')(m)), { timeout: 30_000 })
      .toMatchObject({ command: { kind: 'pause', until: endsAt.toISOString() } });
    // A batch sent anyway is refused, retryably, with the end.
    const refused = await late.sendEvents(randomUUID(), simpleEvents(1, 1));
    expect(refused).toMatchObject({
      type: 'error',
      code: 'suspended',
      message: expect.stringContaining(endsAt.toISOString()),
    });

    const overHttp = await batch(httpOnly);
    expect(overHttp.status).toBe(503);
    expect(Number(overHttp.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await overHttp.json()).toMatchObject({
      code: 'suspended',
      message: expect.stringContaining(endsAt.toISOString()),
    });
    const overOtlp = await otlp(collector);
    expect(overOtlp.status).toBe(503);
    expect(Number(overOtlp.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await overOtlp.text()).toContain(endsAt.toISOString());

    // The end: agents are told to resume and every transport takes data again.
    const resumed = connected.next(isCommand('resume'), 30_000);
    expect((await yorozu.jobs.runNow('service-suspensions', new Date(endsAt.getTime() + 1000))).result).toMatchObject({
      ended: 1,
    });
    await resumed;
    expect((await batch(httpOnly)).status).toBe(200);
    expect((await late.sendEvents(randomUUID(), simpleEvents(1, 1))).type).toBe('ack');
    expect((await otlp(collector)).status).toBe(200);
    const past = await user.call<{ suspensions: Suspension[] }>(
      'GET',
      `/api/v1/participants/${participantId}/service-suspensions`,
    );
    expect(past.body.suspensions).toContainEqual(expect.objectContaining({ suspension_id: windowId, status: 'ended' }));
    connected.socket.close();
    late.socket.close();
  });

  it('the old maintenance route is gone: a window is a suspension like any other', async () => {
    const old = await operator.call('POST', '/api/v1/admin/maintenance', { action: 'resume' });
    expect(old.status).toBe(404);
  });
});
