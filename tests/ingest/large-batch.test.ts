import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll, type Enrollment } from '../../agent/protocol-client.js';
import { EVENTS_PER_SLICE } from '../../ingest/event-batch-acceptance.js';
import { simpleEvents } from '../support/every-category.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * A batch of the largest size is checked in slices (ingest/event-batch-acceptance.ts, EVENTS_PER_SLICE), yielding
 * to the other devices' work in between: every event still gets the answer it would get in one go, with its own
 * index, at the slices' edges too, and another device's batch sent meanwhile is answered as usual.
 */
type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let big: Enrollment;
let small: Enrollment;

beforeAll(async () => {
  yorozu = await startTestYorozu('large-batch');
  const { secret } = await participantWithSecret(yorozu, '株式会社おおぐち');
  big = await enroll(yorozu.url, secret, 'PC-BIG');
  small = await enroll(yorozu.url, secret, 'PC-SMALL');
});
afterAll(async () => yorozu?.cleanup());

const countOf = async (deviceId: string) =>
  Number(
    (
      await queryRows<{ c: string }>(yorozu, 'SELECT count() AS c FROM events FINAL WHERE device_id = {d:UUID}', {
        d: deviceId,
      })
    )[0]!.c,
  );

describe('a batch of 5,000 events', () => {
  it('answers each event as one pass would, at the slices’ edges too, while another device’s batch is answered', async () => {
    const events: unknown[] = simpleEvents(1, 5000);
    const refused = [0, EVENTS_PER_SLICE - 1, EVENTS_PER_SLICE, EVENTS_PER_SLICE + 1, 4999];
    for (const index of refused) events[index] = { ...(events[index] as object), category: 'telepathy' };
    const bigConnection = await AgentConnection.open(yorozu.url, big.credential);
    const smallConnection = await AgentConnection.open(yorozu.url, small.credential);
    const [bigReply, smallReply] = await Promise.all([
      bigConnection.sendEvents('five-thousand', events),
      smallConnection.sendEvents('meanwhile', simpleEvents(1, 20)),
    ]);
    expect(smallReply).toMatchObject({ type: 'ack', accepted: 20, rejected: [] });
    expect(bigReply).toMatchObject({ type: 'ack', batchId: 'five-thousand', accepted: 5000 - refused.length });
    const rejected = bigReply.type === 'ack' ? bigReply.rejected : [];
    expect(rejected.map((r) => [r.index, r.code])).toEqual(refused.map((index) => [index, 'invalid_event']));
    expect(await countOf(big.deviceId)).toBe(5000 - refused.length);
    expect(await countOf(small.deviceId)).toBe(20);
    await Promise.all([bigConnection.close(), smallConnection.close()]);
  });
});
