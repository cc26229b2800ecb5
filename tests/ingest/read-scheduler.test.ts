import { describe, expect, it } from 'vitest';
import { ReadScheduler, type Hold, type QueuedFrame, type ScheduledConnection } from '../../ingest/read-scheduler.js';

interface TestConnection extends ScheduledConnection {
  name: string;
  reads: string[];
}

function connection(name: string, reads: string[]): TestConnection {
  return {
    name,
    reads,
    frames: [],
    inFlight: 0,
    ready: false,
    readingPaused: false,
    open: () => true,
    pauseReading: () => reads.push(`${name}:pause`),
    resumeReading: () => reads.push(`${name}:resume`),
    tellToSlowDown: () => reads.push(`${name}:slow_down`),
  };
}

const frame = (text: string): QueuedFrame => ({ data: Buffer.from(text.padEnd(64)), binary: false });
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function scheduler(connections: TestConnection[], bound: number, log: string[]) {
  const holds: Hold[] = [];
  const instance = new ReadScheduler<TestConnection>({
    maxUnacknowledgedEvents: bound,
    maxInFlightPerConnection: 8,
    writersBehind: () => false,
    connections: () => connections,
    start: (c, f, hold) => {
      log.push(`${c.name}:${f.data.toString().trim()}`);
      hold.events(100);
      holds.push(hold);
    },
  });
  return { instance, holds };
}

describe('the read scheduler', () => {
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

  it('stops at its bound, pauses every socket and tells those sending to slow down, and resumes in order below it', async () => {
    const log: string[] = [];
    const a = connection('a', log);
    const b = connection('b', log);
    const idle = connection('idle', log);
    const { instance, holds } = scheduler([a, b, idle], 200, log);
    instance.received(a, frame('1'));
    instance.received(b, frame('1'));
    await nextTurn(); // a:1 and b:1 start: 200 events held, the bound
    instance.received(a, frame('2'));
    instance.received(b, frame('2'));
    await nextTurn();
    expect(instance.isPaused).toBe(true);
    expect(log).toContain('idle:pause');
    expect(log).toContain('a:slow_down');
    expect(log).not.toContain('a:2');
    holds[0]!.release(); // a:1 answered: 100 held, below the bound: reading resumes
    await nextTurn();
    expect(log.indexOf('idle:resume')).toBeGreaterThan(log.indexOf('idle:pause'));
    const started = () => log.filter((line) => /:\d$/.test(line));
    expect(started()).toEqual(['a:1', 'b:1', 'a:2']); // a was ready first; a:2 brings it back to the bound
    expect(instance.isPaused).toBe(true);
    holds[1]!.release();
    await nextTurn();
    expect(started()).toEqual(['a:1', 'b:1', 'a:2', 'b:2']);
    expect(instance.unacknowledgedEvents).toBe(200);
  });
});
