import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDay, jstDayStart, runSimulator, type SimulatorResult } from '../../agent/simulator/index.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';

// A gateway with tight limits: a small per-device rate, a small message size and a short writer
// queue. The simulator must wait out rate_limited and server_busy, split what is too large, and
// still store every event exactly once.
type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let result: SimulatorResult;

beforeAll(async () => {
  yorozu = await startTestYorozu('simulator-limits', {
    // Each PC sends about 1,600 events; a burst of 1,000 refilled at 100 a second cannot take them
    // without a rate_limited retry, however slowly the machine runs the test.
    INGEST_DEVICE_EVENTS_PER_SECOND: '100',
    INGEST_DEVICE_BURST_EVENTS: '1000',
    INGEST_MAX_EVENTS_PER_BATCH: '1000',
    INGEST_MAX_MESSAGE_BYTES: '150000',
    INGEST_MAX_QUEUED_ROWS: '3000',
  });
  const { secret } = await participantWithSecret(yorozu, '株式会社さくら商事');
  // Three past workdays in a row, so that there is traffic to push back on.
  let start = jstDayStart(Date.now()) - 7 * 86_400_000;
  while (![0, 1, 2].every((i) => calendarDay(start, i).kind === 'workday')) start -= 86_400_000;
  result = await runSimulator({
    serverUrl: yorozu.url,
    participants: [{ secret }],
    seed: 'limits',
    mode: 'backfill',
    start,
    days: 3,
    devicesPerParticipant: 2,
    scale: 0.25,
    batchSize: 1000,
    inFlightPerAgent: 8,
  });
});
afterAll(async () => yorozu?.cleanup());

describe('backfill against a gateway that pushes back', () => {
  it('retries and splits until every event is stored exactly once', async () => {
    expect(result.eventsGenerated / result.devices.length).toBeGreaterThan(1100); // more than the burst, so the limit bites
    expect(result.retries).toBeGreaterThan(0);
    expect(result.splits).toBeGreaterThan(0);
    expect(result.eventsRejected).toBe(0);
    expect(result.eventsSent).toBe(result.eventsGenerated);
    const [stored] = await queryRows<{ n: string }>(yorozu, 'SELECT count() AS n FROM events FINAL');
    expect(Number(stored!.n)).toBe(result.eventsSent);
  });
});
