import { describe, expect, it } from 'vitest';
import type { DeviceReadHoldEvents, DeviceReadWait } from '../../ingest/device-read-holds.js';
import { ReadScheduler, type Hold, type QueuedFrame, type ScheduledConnection } from '../../ingest/read-scheduler.js';
import { until } from '../support/until.js';

interface TestConnection extends ScheduledConnection {
  name: string;
  reads: string[];
  /** What the device's own limits say now (set by a test). */
  owes: DeviceReadWait | undefined;
}

function connection(name: string, reads: string[]): TestConnection {
  const made: TestConnection = {
    name,
    deviceId: name,
    reads,
    owes: undefined,
    frames: [],
    inFlight: 0,
    bytesInFlight: 0,
    ready: false,
    readingPaused: false,
    open: () => true,
    pauseReading: () => reads.push(`${name}:pause`),
    resumeReading: () => reads.push(`${name}:resume`),
    tellToSlowDown: (ms) => {
      expect(ms).toBeGreaterThan(0);
      reads.push(`${name}:slow_down`);
    },
    deviceReadWait: () => made.owes,
  };
  return made;
}

const frame = (text: string): QueuedFrame => ({ data: Buffer.from(text.padEnd(64)), binary: false });
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Every frame holds 100 events; `connected` is how many agents the window is shared by (default: those listed). */
function scheduler(
  connections: TestConnection[],
  bound: number,
  log: string[],
  connected = () => connections.length,
  deviceHolds?: DeviceReadHoldEvents<TestConnection>,
) {
  const holds: Hold[] = [];
  const instance = new ReadScheduler<TestConnection>({
    maxUnacknowledgedEvents: bound,
    maxInFlightPerConnection: 8,
    expectedEventsPerFrame: 100,
    maxEventsPerFrame: 5000,
    maxBytesInFlightPerConnection: 8 * 1024 * 1024,
    connectionCount: connected,
    writersBehind: () => false,
    connections: () => connections,
    deviceHolds,
    start: (c, f, hold) => {
      log.push(`${c.name}:${f.data.toString().trim()}`);
      hold.events(100);
      holds.push(hold);
    },
  });
  return { instance, holds };
}

describe('the read scheduler', () => {
  it("holds an unparsed 4 MiB frame as at most a batch's events, so one device's large frames do not pause the others", async () => {
    const log: string[] = [];
    const noisy = connection('noisy', log);
    const other = connection('other', log);
    const instance = new ReadScheduler<TestConnection>({
      maxUnacknowledgedEvents: 20_000,
      maxInFlightPerConnection: 8,
      expectedEventsPerFrame: 100,
      maxEventsPerFrame: 5000,
      maxBytesInFlightPerConnection: 8 * 1024 * 1024,
      connectionCount: () => 2,
      writersBehind: () => false,
      connections: () => [noisy, other],
      // Not parsed yet: the frames' events stay unknown.
      start: (c) => log.push(`${c.name}:started`),
    });
    const large: QueuedFrame = { data: Buffer.alloc(4 * 1024 * 1024, 0x20), binary: false };
    instance.received(noisy, large);
    instance.received(noisy, large);
    await nextTurn();
    await nextTurn();
    expect(instance.unacknowledgedEvents).toBe(10_000);
    instance.received(other, frame('1'));
    await nextTurn();
    expect(instance.isPaused).toBe(false);
    expect(log).toContain('other:started');
  });

  it('starts one frame per connection per turn, in the order the connections became ready', async () => {
    const log: string[] = [];
    const a = connection('a', log);
    const b = connection('b', log);
    const { instance } = scheduler([a, b], 10_000, log);
    for (const f of ['1', '2', '3']) instance.received(a, frame(f));
    instance.received(b, frame('1'));
    await nextTurn();
    await nextTurn();
    await nextTurn();
    expect(log.filter((line) => !line.endsWith('pause') && !line.endsWith('resume'))).toEqual([
      'a:1',
      'b:1',
      'a:2',
      'a:3',
    ]);
  });

  it('stops at its bound, pauses every socket, tells only those whose frames wait to slow down, and resumes in order below it', async () => {
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((name) => connection(name, log)) as [
      TestConnection,
      TestConnection,
      TestConnection,
    ];
    const idle = connection('idle', log);
    // 200 events shared by 4 agents of 100-event batches: a window of 1 batch each, and the bound after two.
    const { instance, holds } = scheduler([a, b, c, idle], 200, log);
    expect(instance.inFlightWindow()).toBe(1);
    instance.received(a, frame('1'));
    instance.received(b, frame('1'));
    instance.received(c, frame('1'));
    await nextTurn(); // a:1 and b:1 start: 200 events held, the bound; c:1 waits
    expect(instance.isPaused).toBe(true);
    expect(log).toContain('idle:pause');
    expect(log).toContain('c:slow_down');
    expect(log).not.toContain('a:slow_down'); // a and b have their batches handled: nothing of theirs waits
    expect(log).not.toContain('b:slow_down');
    instance.received(a, frame('2')); // beyond a's window: it waits for a:1's answer, not for the bound
    holds[0]!.release(); // a:1 answered: 100 held, below the bound: reading resumes, c first (it waited longest)
    await nextTurn();
    expect(log.indexOf('idle:resume')).toBeGreaterThan(log.indexOf('idle:pause'));
    const started = () => log.filter((line) => /:\d$/.test(line));
    expect(started()).toEqual(['a:1', 'b:1', 'c:1']);
    expect(instance.isPaused).toBe(true);
    holds[1]!.release();
    await nextTurn();
    expect(started()).toEqual(['a:1', 'b:1', 'c:1', 'a:2']);
    expect(instance.unacknowledgedEvents).toBe(200);
  });

  it('advertises a window that shrinks as agents connect and grows as they leave', () => {
    let connected = 1;
    const { instance } = scheduler([], 10_000, [], () => connected);
    const windows: number[] = [];
    for (connected of [1, 12, 25, 50, 100, 10_000, 25, 1]) windows.push(instance.inFlightWindow());
    // 10,000 events / (agents × 100 per batch), between 1 and INGEST_MAX_IN_FLIGHT_BATCHES (8)
    expect(windows).toEqual([8, 8, 4, 2, 1, 1, 4, 8]);
  });

  it('holds each connection to its window and starves none: every waiting agent gets its turn before any gets two', async () => {
    const log: string[] = [];
    const agents = Array.from({ length: 30 }, (_, i) => connection(`agent${i}`, log));
    // 1,000 events for 30 agents of 100-event batches: a window of 1, and 10 batches at once over all.
    const { instance, holds } = scheduler(agents, 1_000, log);
    expect(instance.inFlightWindow()).toBe(1);
    for (const agent of agents) for (const n of [1, 2, 3]) instance.received(agent, frame(String(n)));
    const started = () => log.filter((line) => /:\d$/.test(line));
    let answered = 0;
    for (let guard = 0; guard < 1_000 && started().length < 90; guard += 1) {
      await nextTurn();
      expect(Math.max(...agents.map((agent) => agent.inFlight))).toBeLessThanOrEqual(1);
      expect(instance.unacknowledgedEvents).toBeLessThanOrEqual(1_000);
      // The gateway answers the oldest batch it holds, as the writers would.
      if (answered < holds.length) holds[answered++]!.release();
    }
    const order = started();
    expect(order).toHaveLength(90);
    const round = (n: string) => order.filter((line) => line.endsWith(`:${n}`)).map((line) => order.indexOf(line));
    // No agent's second batch starts before every agent's first, nor a third before every second.
    expect(Math.max(...round('1'))).toBeLessThan(Math.min(...round('2')));
    expect(Math.max(...round('2'))).toBeLessThan(Math.min(...round('3')));
    // The bound was met (10 batches held, 30 agents waiting): agents were told to slow down.
    expect(log.filter((line) => line.endsWith(':slow_down')).length).toBeGreaterThan(0);
  });

  it('leaves a device that owes time unread until it has paid, reported once, and reads the others meanwhile', async () => {
    const log: string[] = [];
    const noisy = connection('noisy', log);
    const other = connection('other', log);
    let asked = 0;
    noisy.deviceReadWait = () => {
      asked += 1;
      return noisy.owes;
    };
    const holdEvents: string[] = [];
    const { instance } = scheduler([noisy, other], 10_000, log, () => 2, {
      held: (c, wait) => holdEvents.push(`${c.name}:held:${wait.reason}`),
      released: (c) => holdEvents.push(`${c.name}:released`),
    });
    noisy.owes = { waitMs: 30, reason: 'read_budget' };
    instance.received(noisy, frame('1'));
    instance.received(other, frame('1'));
    await nextTurn();
    // What was read is handled (it is paid for); the socket is not read again while the device owes.
    expect(log).toContain('noisy:1');
    expect(noisy.readingPaused).toBe(true);
    expect(other.readingPaused).toBe(false);
    expect(instance.heldForDeviceLimits).toBe(1);
    instance.received(other, frame('2'));
    await nextTurn();
    expect(log).toContain('other:2');
    // Still owing when its wait is over: looked at again, still unread, the hold reported once.
    await until('the held device looked at again', () => asked >= 2);
    expect(noisy.readingPaused).toBe(true);
    expect(holdEvents).toEqual(['noisy:held:read_budget']);
    noisy.owes = undefined;
    await until('the held device read again', () => !noisy.readingPaused);
    expect(holdEvents).toEqual(['noisy:held:read_budget', 'noisy:released']);
    expect(log.filter((line) => line === 'noisy:resume')).toHaveLength(1);
    expect(log.filter((line) => line.startsWith('noisy:')).at(-1)).toBe('noisy:resume');
    expect(instance.heldForDeviceLimits).toBe(0);
  });

  it("keeps one connection's frames in flight within its bytes before reading more, and starts none beyond them", async () => {
    const log: string[] = [];
    const noisy = connection('noisy', log);
    const { instance, holds } = scheduler([noisy], 1_000_000, log);
    const mib = (n: string, size: number): QueuedFrame => ({
      data: Buffer.from(n.padEnd(size * 1024 * 1024)),
      binary: false,
    });
    const started = () => log.filter((line) => /^noisy:\d$/.test(line));
    // One frame always passes alone, but with 9 MiB in flight the socket is not read until it is answered.
    instance.received(noisy, mib('1', 9));
    await nextTurn();
    expect(started()).toEqual(['noisy:1']);
    expect(noisy.readingPaused).toBe(true);
    holds[0]!.release();
    await nextTurn();
    expect(noisy.readingPaused).toBe(false);
    // 5 + 5 MiB would pass the 8 MiB of one connection: the second waits, read but neither started nor refused.
    instance.received(noisy, mib('2', 5));
    instance.received(noisy, mib('3', 5));
    await nextTurn();
    await nextTurn();
    expect(started()).toEqual(['noisy:1', 'noisy:2']);
    expect(noisy.readingPaused).toBe(true);
    holds[1]!.release();
    await nextTurn();
    expect(started()).toEqual(['noisy:1', 'noisy:2', 'noisy:3']);
  });
});
