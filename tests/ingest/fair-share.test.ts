import { describe, expect, it } from 'vitest';
import type { DeviceReadWait } from '../../ingest/device-read-holds.js';
import { FairShare } from '../../ingest/fair-share.js';
import { ReadScheduler, type Hold, type QueuedFrame, type ScheduledConnection } from '../../ingest/read-scheduler.js';
import { until } from '../support/until.js';

/**
 * Each device's share of a busy gateway (fair-share.ts) as the read scheduler keeps it: a device sending 4 MiB
 * batches while others send theirs starts no more bytes than its share of the gateway's measured throughput,
 * its frame waiting (kept, never refused) while the others' batches start; a device alone, at any rate, is never
 * held. The gateway's clock is the test's (`now`), so no figure depends on the machine's speed.
 */
interface TestConnection extends ScheduledConnection {
  name: string;
}

function connection(name: string): TestConnection {
  return {
    name,
    deviceId: name,
    frames: [],
    inFlight: 0,
    bytesInFlight: 0,
    ready: false,
    readingPaused: false,
    open: () => true,
    pauseReading: () => undefined,
    resumeReading: () => undefined,
    tellToSlowDown: () => undefined,
    deviceReadWait: () => undefined,
  };
}

/** A frame of `bytes` holding `events` events (a heartbeat holds none). */
const frame = (bytes: number, events: number): QueuedFrame => ({
  data: Buffer.alloc(bytes, events > 0 ? 0x65 : 0x68),
  binary: false,
});
const eventsIn = (f: QueuedFrame) => (f.data[0] === 0x65 ? Math.max(1, Math.floor(f.data.length / 200)) : 0);
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const SMALL = 20 * 1024;
const LARGE = 4 * 1024 * 1024;

function gateway(connections: TestConnection[], windowMs = 1000, floorBytesPerSecond = 0) {
  let now = 0;
  const started: { name: string; bytes: number; at: number }[] = [];
  const holds: { name: string; wait: DeviceReadWait }[] = [];
  const answers: Hold[] = [];
  const fairShare = new FairShare({ factor: 4, windowMs, now: () => now, floorBytesPerSecond });
  const scheduler = new ReadScheduler<TestConnection>({
    maxUnacknowledgedEvents: 1_000_000,
    maxInFlightPerConnection: 8,
    expectedEventsPerFrame: 100,
    maxEventsPerFrame: 5000,
    maxBytesInFlightPerConnection: 8 * 1024 * 1024,
    connectionCount: () => connections.length,
    writersBehind: () => false,
    connections: () => connections,
    fairShare,
    fairShareLookAgainMs: 1,
    deviceHolds: { held: (c, wait) => holds.push({ name: c.name, wait }), released: () => undefined },
    start: (c, f, hold) => {
      started.push({ name: c.name, bytes: f.data.length, at: now });
      hold.events(eventsIn(f));
      answers.push(hold);
    },
  });
  return {
    scheduler,
    fairShare,
    started,
    holds,
    /** Every frame started so far is answered (its batch stored and acknowledged). */
    answerAll: () => answers.splice(0).forEach((hold) => hold.release()),
    advance: (ms: number) => (now += ms),
    bytesOf: (name: string) => started.filter((s) => s.name === name).reduce((sum, s) => sum + s.bytes, 0),
  };
}

describe("a device's share of a busy gateway", () => {
  it('keeps a device sending 4 MiB batches to its share while the others send, their batches started meanwhile; its batch starts once earned', async () => {
    const agents = Array.from({ length: 10 }, (_, i) => connection(`agent-${i}`));
    const noisy = connection('noisy');
    const g = gateway([...agents, noisy]);
    // Ten agents send a 20 KiB batch each per 100 ms: 2 MiB/s in all, 200 KiB/s each.
    const round = async () => {
      for (const agent of agents) g.scheduler.received(agent, frame(SMALL, 100));
      await nextTurn();
      g.answerAll();
      g.advance(100);
    };
    for (let i = 0; i < 20; i += 1) await round();
    const share = g.fairShare.shareBytesPerSecond()!;
    expect(share).toBeCloseTo(4 * 10 * SMALL, -3);

    g.scheduler.received(noisy, frame(LARGE, 500));
    const from = g.started.length;
    for (let i = 0; i < 10; i += 1) await round();
    // A second of the gateway: every agent's batches started, the noisy device's still waiting, kept.
    expect(g.started.slice(from).filter((s) => s.name !== 'noisy')).toHaveLength(100);
    expect(g.bytesOf('noisy')).toBe(0);
    expect(noisy.frames).toHaveLength(1);
    expect(g.holds).toEqual([{ name: 'noisy', wait: { waitMs: expect.any(Number), reason: 'fair_share' } }]);
    expect(g.holds[0]!.wait.waitMs).toBeGreaterThan(1000);

    // It starts once it has earned its 4 MiB at its share, with the others still sending.
    let rounds = 10;
    while (g.bytesOf('noisy') === 0) {
      await round();
      rounds += 1;
      expect(rounds).toBeLessThan(200);
    }
    const seconds = rounds / 10;
    // Earned from one second's allowance at the start: no more bytes than its share of that time.
    expect(LARGE).toBeLessThanOrEqual(g.fairShare.shareBytesPerSecond()! * (seconds + 1) * 1.05);
    expect(seconds).toBeGreaterThan(LARGE / share - 1.5);
    // Meanwhile each agent started every batch it sent.
    for (const agent of agents) expect(g.bytesOf(agent.name)).toBe((20 + rounds) * SMALL);
  });

  it('starts a waiting batch as soon as the others stop sending', async () => {
    const agents = Array.from({ length: 5 }, (_, i) => connection(`agent-${i}`));
    const noisy = connection('noisy');
    const g = gateway([...agents, noisy]);
    for (let i = 0; i < 15; i += 1) {
      for (const agent of agents) g.scheduler.received(agent, frame(SMALL, 100));
      await nextTurn();
      g.answerAll();
      g.advance(100);
    }
    g.scheduler.received(noisy, frame(LARGE, 500));
    await nextTurn();
    expect(g.bytesOf('noisy')).toBe(0);
    // No other device's events for a whole window: the gateway is the noisy device's alone.
    g.advance(1001);
    await until('the waiting batch started', () => g.bytesOf('noisy') === LARGE);
    expect(noisy.frames).toHaveLength(0);
  });

  it('never holds a device alone on the gateway, whatever it sends, while the others send only heartbeats', async () => {
    const agents = Array.from({ length: 20 }, (_, i) => connection(`idle-${i}`));
    const busy = connection('busy');
    const g = gateway([...agents, busy]);
    // 500-event batches of ~150 KB at 2,000 events/s (the event-rate limit), then 4 MiB ones back to back.
    const sizes = [...Array<number>(40).fill(150_000), ...Array<number>(10).fill(LARGE)];
    for (const [i, bytes] of sizes.entries()) {
      g.scheduler.received(busy, frame(bytes, 500));
      if (i % 4 === 0) g.scheduler.received(agents[i % agents.length]!, frame(200, 0));
      await nextTurn();
      g.answerAll();
      g.advance(250);
    }
    expect(g.holds).toEqual([]);
    expect(g.bytesOf('busy')).toBe(sizes.reduce((sum, n) => sum + n, 0));
  });

  it('never holds agents sending a batch now and then on a slow gateway, though a batch is more than a second of their share', async () => {
    // 40 agents, each a 35 KB batch every 17 s (the bench on a loaded machine: ~2 batches/s in all), window 10 s.
    const agents = Array.from({ length: 40 }, (_, i) => connection(`agent-${i}`));
    const g = gateway(agents, 10_000);
    for (let step = 0; step < 400; step += 1) {
      g.scheduler.received(agents[(step * 7) % agents.length]!, frame(35_000, 100));
      await nextTurn();
      g.answerAll();
      g.advance(425);
    }
    expect(g.fairShare.shareBytesPerSecond()!).toBeLessThan(35_000);
    expect(g.holds).toEqual([]);
    expect(g.started).toHaveLength(400);
  });

  it('lets an agent sending its backlog start at least the floor, however little the rest of its office sends', () => {
    const FLOOR = 512 * 1024;
    // The office trickles (one 2 KB batch per 250 ms in all); the PC back from a weekend offline asks to start
    // 500-event batches of ~150 KB every 250 ms (600 KB/s, its event-rate limit): far over 4 × the average.
    const backlog = (floorBytesPerSecond: number) => {
      let now = 0;
      const share = new FairShare({ factor: 4, windowMs: 1000, now: () => now, floorBytesPerSecond });
      let started = 0;
      for (let i = 0; i < 80; i += 1) {
        share.eventsFrom(`office-${i % 20}`, 2_000, 5);
        if (share.mayStart('returning', 150_000) === undefined) {
          share.eventsFrom('returning', 150_000, 500);
          started += 150_000;
        }
        now += 250;
      }
      return started;
    };
    // 20 s: at least the floor's bytes (less the first second, before a share is measured).
    const withFloor = backlog(FLOOR);
    expect(withFloor).toBeGreaterThanOrEqual(FLOOR * 19);
    // Without the floor the same backlog is held to a share of the trickle.
    expect(backlog(0)).toBeLessThan(withFloor / 2);
  });

  it('gives each of several devices at the same rate every batch it sends', async () => {
    const agents = Array.from({ length: 8 }, (_, i) => connection(`agent-${i}`));
    const g = gateway(agents);
    for (let i = 0; i < 50; i += 1) {
      for (const agent of agents) g.scheduler.received(agent, frame(150_000, 500));
      await nextTurn();
      g.answerAll();
      g.advance(250);
    }
    expect(g.holds).toEqual([]);
    for (const agent of agents) expect(g.bytesOf(agent.name)).toBe(50 * 150_000);
  });
});
