import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENT_CONFIG } from '../../agent-protocol/index.js';
import { planOffice } from '../../agent/simulator/index.js';
import { TokenBucketLimiter } from '../../ingest/token-bucket-limiter.js';
import { loadConfig } from '../../server/config.js';

/**
 * The default read budget of a device (INGEST_DEVICE_READ_BYTES_PER_SECOND unset: 1 KiB per event of its
 * events-per-second limit) against what real agents send: the simulator's PCs, in the batches agents send,
 * at the event-rate limit. Such an agent is never held; a device sending 4 MiB messages back to back is.
 */
const limits = loadConfig({}).ingest;
const budget = () => new TokenBucketLimiter(limits.deviceReadBytesPerSecond, limits.deviceReadBurstBytes);

/** Two days of a PC, as the frames an agent sends (batches of its configured size). */
function simulatedFrames(): number[] {
  const plan = planOffice({
    seed: 'read-budget',
    participants: [{ name: '予算確認株式会社', devices: 1 }],
    start: Date.parse('2026-11-16T00:00:00+09:00'),
    days: 2,
  });
  const frames: number[] = [];
  const size = DEFAULT_AGENT_CONFIG.batchMaxEvents;
  for (const device of plan.devices)
    for (let day = 0; day < plan.days; day += 1) {
      const events = plan.eventsFor(device, day);
      for (let i = 0; i < events.length; i += size) {
        const batch = events.slice(i, i + size);
        const body = JSON.stringify({ v: 1, type: 'events', batchId: `d${day}-${i}`, events: batch });
        frames.push(Buffer.byteLength(body), batch.length);
      }
    }
  return frames;
}

describe("a device's read budget", () => {
  it('never holds an agent sending real events at its events-per-second limit', () => {
    const frames = simulatedFrames();
    const bucket = budget();
    let now = 0;
    let held = 0;
    let events = 0;
    for (let i = 0; i < frames.length; i += 2) {
      const [bytes, count] = [frames[i]!, frames[i + 1]!];
      // Each batch sent as soon as the event limit lets it: its events at deviceEventsPerSecond.
      now += (count / limits.deviceEventsPerSecond) * 1000;
      if (bucket.spend('agent', bytes, now) > 0) held += 1;
      events += count;
    }
    expect(events).toBeGreaterThan(1_000);
    expect(held).toBe(0);
    // The margin: real batches are far from the 1 KiB an event may take at the limit.
    const bytes = frames.filter((_, i) => i % 2 === 0).reduce((sum, n) => sum + n, 0);
    expect(bytes / events).toBeLessThan(limits.deviceReadBytesPerSecond / limits.deviceEventsPerSecond / 2);
  });

  it('holds a device sending 4 MiB messages back to back, for as long as its excess takes at the budget', () => {
    const bucket = budget();
    const message = limits.maxMessageBytes;
    const waits = Array.from({ length: 8 }, () => bucket.spend('noisy', message, 0));
    // The burst takes a few; after it every message costs its own size at the budget's rate.
    const firstHeld = waits.findIndex((wait) => wait > 0);
    expect(firstHeld).toBeGreaterThan(0);
    expect(firstHeld).toBeLessThanOrEqual(limits.deviceReadBurstBytes / message);
    const perMessageMs = (message / limits.deviceReadBytesPerSecond) * 1000;
    expect(waits[firstHeld + 1]! - waits[firstHeld]!).toBeCloseTo(perMessageMs, -1);
    // Once the debt is paid the device may be read again.
    expect(bucket.debtWait('noisy', waits.at(-1)!)).toBe(0);
  });
});
