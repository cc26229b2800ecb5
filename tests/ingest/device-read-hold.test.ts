import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll, type Enrollment } from '../../agent/protocol-client.js';
import type { ServerMessage } from '../../agent-protocol/index.js';
import { simpleEvents } from '../support/every-category.js';
import { until } from '../support/until.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * A device over its read budget is not read (its socket paused, its excess left in TCP) until it has paid,
 * while the others are read and acknowledged; what it sent is all stored in the end. A budget of 32 KiB/s with
 * a burst of 256 KiB, and batches of ~120 KB: the noisy device owes several seconds after its third.
 */
type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let noisy: Enrollment;
let quiet: Enrollment;

beforeAll(async () => {
  yorozu = await startTestYorozu('read-hold', {
    INGEST_MAX_MESSAGE_BYTES: String(256 * 1024),
    INGEST_DEVICE_READ_BYTES_PER_SECOND: String(32 * 1024),
    INGEST_DEVICE_READ_BURST_BYTES: String(256 * 1024),
  });
  const { secret } = await participantWithSecret(yorozu, '株式会社よみすぎ');
  [noisy, quiet] = await Promise.all([enroll(yorozu.url, secret, 'PC-BIG'), enroll(yorozu.url, secret, 'PC-SMALL')]);
});
afterAll(async () => yorozu?.cleanup());

async function metric(name: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', yorozu.url))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('a device over its read budget', () => {
  it('is left unread until it has paid, the others acknowledged meanwhile, and nothing it sent is lost', async () => {
    const loud = await AgentConnection.open(yorozu.url, noisy.credential);
    const told: ServerMessage[] = [];
    loud.subscribe((message) => told.push(message));
    const batches = 6;
    const perBatch = 800;
    const loudAcks = Array.from({ length: batches }, (_, i) =>
      loud.sendEvents(`big-${i}`, simpleEvents(i * perBatch, perBatch)),
    );

    await until(
      'the noisy device held for its read budget',
      async () => (await metric('yorozu_devices_read_held')) === 1,
    );
    expect(await metric('yorozu_device_read_holds_total{reason="read_budget"}')).toBeGreaterThanOrEqual(1);
    const notice = await until('the noisy device told why', () =>
      told.find((message) => message.type === 'slow_down' && message.reason.includes('read budget')),
    );
    expect(notice).toMatchObject({ type: 'slow_down', retryAfterMs: expect.any(Number) });

    // Another device is read and acknowledged while the noisy one stays unread.
    const small = await AgentConnection.open(yorozu.url, quiet.credential);
    expect(await small.sendEvents('small-0', simpleEvents(0, 50))).toMatchObject({ type: 'ack', accepted: 50 });
    expect(await metric('yorozu_devices_read_held')).toBe(1);

    // Once it has paid it is read again: every batch acknowledged, every event stored.
    const replies = await Promise.all(loudAcks);
    expect(replies).toEqual(Array(batches).fill(expect.objectContaining({ type: 'ack', accepted: perBatch })));
    await until('the hold over', async () => (await metric('yorozu_devices_read_held')) === 0);
    const [stored] = await queryRows<{ c: string }>(
      yorozu,
      'SELECT count() AS c FROM events FINAL WHERE device_id = {d:UUID}',
      { d: noisy.deviceId },
    );
    expect(Number(stored!.c)).toBe(batches * perBatch);
    await loud.close();
    await small.close();
  });
});
