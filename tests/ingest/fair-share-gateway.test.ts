import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll, type Enrollment } from '../../agent/protocol-client.js';
import type { ServerMessage } from '../../agent-protocol/index.js';
import { simpleEvents } from '../support/every-category.js';
import { until } from '../support/until.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * The gateway's fair share, end to end over WebSocket: while one agent streams small batches, a device sending
 * large ones back to back is held to its share of the gateway (factor 1: no more than the average sending
 * device), told why once, and the streaming agent's batches are acknowledged while it waits; when the stream
 * stops, the large batches start. Every event of both is stored.
 */
type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let big: Enrollment;
let small: Enrollment;

beforeAll(async () => {
  yorozu = await startTestYorozu('fair-share-gateway', {
    INGEST_FAIR_SHARE_FACTOR: '1',
    INGEST_FAIR_SHARE_WINDOW_MS: '500',
    // No floor: the share measured from the others is what this test is about.
    INGEST_FAIR_SHARE_FLOOR_BYTES_PER_SECOND: '0',
  });
  const { secret } = await participantWithSecret(yorozu, '株式会社わけあい');
  [big, small] = await Promise.all([enroll(yorozu.url, secret, 'PC-BIG'), enroll(yorozu.url, secret, 'PC-STREAM')]);
});
afterAll(async () => yorozu?.cleanup());

async function metric(name: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', yorozu.url))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

const stored = async (deviceId: string) =>
  Number(
    (
      await queryRows<{ c: string }>(yorozu, 'SELECT count() AS c FROM events FINAL WHERE device_id = {d:UUID}', {
        d: deviceId,
      })
    )[0]!.c,
  );

describe("a device's share of a busy gateway", () => {
  it('holds a device sending large batches to its share while another streams, keeps every batch, and stores all', async () => {
    // What happened, in order: the streaming agent's acks, the large device's notice and acks.
    const order: string[] = [];
    const stream = await AgentConnection.open(yorozu.url, small.credential);
    let streaming = true;
    let streamed = 0;
    const streamer = (async () => {
      while (streaming) {
        const sent = Array.from({ length: 4 }, (_, i) =>
          stream.sendEvents(`s-${streamed + i}`, simpleEvents((streamed + i) * 50, 50)),
        );
        streamed += sent.length;
        for (const reply of await Promise.all(sent)) {
          expect(reply).toMatchObject({ type: 'ack', accepted: 50 });
          order.push('stream:ack');
        }
      }
    })();
    await until('the stream measured', () => order.length >= 40);

    const loud = await AgentConnection.open(yorozu.url, big.credential);
    loud.subscribe((message: ServerMessage) => {
      if (message.type === 'slow_down' && message.reason.includes('share')) order.push('big:held');
    });
    const batches = 6;
    const perBatch = 2000;
    const loudAcks = Array.from({ length: batches }, (_, i) =>
      loud.sendEvents(`big-${i}`, simpleEvents(i * perBatch, perBatch)).then((reply) => {
        order.push('big:ack');
        return reply;
      }),
    );
    await until('the large device held for its share', () => order.includes('big:held'));
    expect(await metric('yorozu_device_read_holds_total{reason="fair_share"}')).toBeGreaterThanOrEqual(1);
    // The stream is acknowledged while the large device waits.
    const heldAt = order.indexOf('big:held');
    await until('stream acks after the hold', () => order.slice(heldAt).filter((e) => e === 'stream:ack').length >= 8);
    const nextBigAck = order.indexOf('big:ack', heldAt);
    expect(order.slice(heldAt, nextBigAck === -1 ? undefined : nextBigAck)).toContain('stream:ack');

    // The stream stops: the large device has the gateway to itself and every batch is acknowledged.
    streaming = false;
    await streamer;
    const replies = await Promise.all(loudAcks);
    expect(replies).toEqual(Array(batches).fill(expect.objectContaining({ type: 'ack', accepted: perBatch })));
    expect(await stored(big.deviceId)).toBe(batches * perBatch);
    expect(await stored(small.deviceId)).toBe(streamed * 50);
    await loud.close();
    await stream.close();
  });
});
