import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll } from '../../agent/protocol-client.js';
import type { ServerMessage } from '../../agent-protocol/index.js';
import { simpleEvents } from '../support/every-category.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let secret: string;

// A gateway-wide bound of 500 unacknowledged events and a writer that flushes only every second (and is never
// "behind" by its own queue limit): two agents sending 1,800 events at once must cross the bound.
beforeAll(async () => {
  yorozu = await startTestYorozu('read-bound', {
    INGEST_MAX_UNACKNOWLEDGED_EVENTS: '500',
    INGEST_FLUSH_INTERVAL_MS: '1000',
    INGEST_FLUSH_ROWS: '100000',
    INGEST_MAX_QUEUED_ROWS: '1000000',
  });
  ({ secret } = await participantWithSecret(yorozu, '上限株式会社'));
});
afterAll(async () => yorozu?.cleanup());

async function metric(name: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', yorozu.url))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1] ?? 0);
}

const stored = async (deviceId: string) => {
  const [row] = await queryRows<{ n: string }>(
    yorozu,
    'SELECT count() AS n FROM events FINAL WHERE device_id = {d:UUID}',
    {
      d: deviceId,
    },
  );
  return Number(row!.n);
};

describe("the gateway's bound on unacknowledged events", () => {
  it('pauses reading at the bound, tells the agents to slow down, and resumes: every batch of both agents is acknowledged', async () => {
    const [a, b] = await Promise.all([enroll(yorozu.url, secret, 'PC-A'), enroll(yorozu.url, secret, 'PC-B')]);
    const [connectionA, connectionB] = await Promise.all([
      AgentConnection.open(yorozu.url, a.credential),
      AgentConnection.open(yorozu.url, b.credential),
    ]);
    const slowDown = connectionA.next(
      (m): m is Extract<ServerMessage, { type: 'slow_down' }> => m.type === 'slow_down',
    );
    const pausedBefore = await metric('yorozu_reading_paused_total');
    const replies = [
      ...[0, 1, 2, 3, 4, 5].map((i) => connectionA.sendEvents(`a${i}`, simpleEvents(i * 200, 200))),
      ...[0, 1, 2].map((i) => connectionB.sendEvents(`b${i}`, simpleEvents(i * 200, 200))),
    ];
    expect((await slowDown).retryAfterMs).toBeGreaterThan(0);
    expect(await metric('yorozu_reading_paused_total')).toBeGreaterThan(pausedBefore);
    const settled = await Promise.all(replies);
    expect(settled.map((reply) => reply.type)).toEqual(Array(9).fill('ack'));
    expect(await stored(a.deviceId)).toBe(1200);
    expect(await stored(b.deviceId)).toBe(600);
    expect(await metric('yorozu_unacknowledged_events')).toBe(0);
    // Reading resumed: the next batch is read and answered as usual.
    expect(await connectionB.sendEvents('b-after', simpleEvents(5000, 10))).toMatchObject({
      type: 'ack',
      accepted: 10,
    });
  });
});
