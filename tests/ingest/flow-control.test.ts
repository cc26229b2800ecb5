import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll } from '../../agent/protocol-client.js';
import type { ServerMessage } from '../../agent-protocol/index.js';
import { simpleEvents } from '../support/every-category.js';
import { until } from '../support/until.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let secret: string;

// The writer is made slow on purpose: it flushes only every 1.5 s and counts itself behind above
// 300 queued rows, so a few batches put it behind without any fake in the path.
beforeAll(async () => {
  yorozu = await startTestYorozu('flow', {
    INGEST_FLUSH_INTERVAL_MS: '1500',
    INGEST_FLUSH_ROWS: '100000',
    INGEST_MAX_QUEUED_ROWS: '300',
  });
  ({ secret } = await participantWithSecret(yorozu, 'フロー制御株式会社'));
});
afterAll(async () => yorozu?.cleanup());

describe('backpressure', () => {
  it('over HTTP: a batch that arrives while the writer is behind gets 503 with Retry-After, and nothing accepted is lost', async () => {
    const agent = await enroll(yorozu.url, secret, 'PC-HTTP');
    const post = (batchId: string, first: number) =>
      fetch(new URL('/v1/batches', yorozu.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${agent.credential}` },
        body: JSON.stringify({ v: 1, type: 'events', batchId, events: simpleEvents(first, 200) }),
      });
    const first = post('h1', 0);
    const second = post('h2', 200); // 400 rows queued now: behind
    await until('the writer to fall behind', () => yorozu.ingest.isBehind(), { intervalMs: 10 });
    const refused = await post('h3', 400);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ code: 'server_busy' });
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    const retried = await post('h3', 400);
    expect(retried.status).toBe(200);
    const [row] = await queryRows<{ n: string }>(
      yorozu,
      'SELECT count() AS n FROM events FINAL WHERE device_id = {d:UUID}',
      { d: agent.deviceId },
    );
    expect(Number(row!.n)).toBe(600);
  });

  it('over WebSocket: what was read waits for the writer instead of being refused, and nothing accepted is lost', async () => {
    const agent = await enroll(yorozu.url, secret, 'PC-WS');
    const connection = await AgentConnection.open(yorozu.url, agent.credential);
    // Only frames already waiting when the writer falls behind are answered with slow_down (read-bound.test.ts
    // shows that); frames not yet read stay in the socket, paused, so whether this agent hears it depends on timing.
    const slowDowns: number[] = [];
    connection.subscribe((m: ServerMessage) => void (m.type === 'slow_down' && slowDowns.push(m.retryAfterMs)));
    const replies = [0, 1, 2, 3].map((i) => connection.sendEvents(`w${i}`, simpleEvents(i * 200, 200)));
    const settled = await Promise.all(replies);
    expect(slowDowns.every((ms) => ms > 0)).toBe(true);
    expect(settled.map((reply) => reply.type)).toEqual(['ack', 'ack', 'ack', 'ack']);
    const [row] = await queryRows<{ n: string }>(
      yorozu,
      'SELECT count() AS n FROM events FINAL WHERE device_id = {d:UUID}',
      { d: agent.deviceId },
    );
    expect(Number(row!.n)).toBe(800);
    await connection.close();
  });
});
