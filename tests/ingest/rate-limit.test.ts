import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll } from '../../agent/protocol-client.js';
import { simpleEvents } from '../support/every-category.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';

type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let secret: string;

beforeAll(async () => {
  // A burst of 1,000 events and a refill of 5 a second: however slowly this machine runs the test,
  // the refill cannot make room for the fifth batch of 250.
  yorozu = await startTestYorozu('rate', {
    INGEST_DEVICE_EVENTS_PER_SECOND: '5',
    INGEST_DEVICE_BURST_EVENTS: '1000',
    INGEST_MAX_EVENTS_PER_BATCH: '1000',
  });
  ({ secret } = await participantWithSecret(yorozu, 'レート制限株式会社'));
});
afterAll(async () => yorozu?.cleanup());

describe('per-device rate limit', () => {
  it('refuses a device over its events-per-second budget with the limit named and a delay, without touching other devices', async () => {
    const noisy = await enroll(yorozu.url, secret, 'PC-NOISY');
    const quiet = await enroll(yorozu.url, secret, 'PC-QUIET');
    const noisyConnection = await AgentConnection.open(yorozu.url, noisy.credential);
    const quietConnection = await AgentConnection.open(yorozu.url, quiet.credential);
    const replies = [];
    for (let i = 0; i < 5; i += 1) replies.push(await noisyConnection.sendEvents(`n${i}`, simpleEvents(i * 250, 250)));
    expect(replies.slice(0, 4).map((reply) => reply.type)).toEqual(['ack', 'ack', 'ack', 'ack']);
    const limited = replies[4];
    expect(limited).toMatchObject({ code: 'rate_limited', limit: { name: 'deviceEventsPerSecond', value: 5 } });
    expect((limited as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
    expect(await quietConnection.sendEvents('q0', simpleEvents(0, 100))).toMatchObject({ type: 'ack', accepted: 100 });
    await noisyConnection.close();
    await quietConnection.close();
  });
});
