import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskBuffer, type NewEvent } from '../../agent/disk-buffer.js';

const directories: string[] = [];
function freshDirectory(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'yorozu-buffer-'));
  directories.push(directory);
  return directory;
}
afterEach(() => directories.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const events = (count: number, from = 0): NewEvent[] =>
  Array.from(
    { length: count },
    (_, i) =>
      ({
        time: '2026-11-24T09:00:00+09:00',
        category: 'web_access',
        action: 'visit',
        url: `https://example.jp/${from + i}`,
      }) as NewEvent,
  );

describe('the agent disk buffer', () => {
  it('numbers events, reads them back in order, and deletes segments only once acknowledged', () => {
    const directory = freshDirectory();
    const buffer = new DiskBuffer({ directory, maxBytes: 10 * 1024 * 1024, segmentBytes: 2000 });
    // Each append lands whole in one segment; segments roll between appends.
    const stored = Array.from({ length: 10 }, (_, i) => buffer.append(events(10, i * 10))).flat();
    expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(buffer.read(0, 10).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(buffer.read(95, 10).map((e) => e.seq)).toEqual([96, 97, 98, 99, 100]);
    const segmentsBefore = readdirSync(directory).filter((f) => f.endsWith('.seg')).length;
    expect(segmentsBefore).toBeGreaterThan(3);

    buffer.acknowledge(51, 100); // out of order: the cursor must not move past the gap
    expect(buffer.acknowledgedThrough).toBe(0);
    expect(readdirSync(directory).filter((f) => f.endsWith('.seg')).length).toBe(segmentsBefore);
    buffer.acknowledge(1, 50);
    expect(buffer.acknowledgedThrough).toBe(100);
    expect(buffer.state().pendingEvents).toBe(0);
    expect(readdirSync(directory).filter((f) => f.endsWith('.seg')).length).toBeLessThanOrEqual(1);
  });

  it('after a restart resumes from the acknowledged cursor, and keeps numbering after the last event', () => {
    const directory = freshDirectory();
    const first = new DiskBuffer({ directory, maxBytes: 10 * 1024 * 1024, segmentBytes: 2000 });
    first.append(events(40));
    first.acknowledge(1, 25);
    first.close();

    const second = new DiskBuffer({ directory, maxBytes: 10 * 1024 * 1024, segmentBytes: 2000 });
    expect(second.acknowledgedThrough).toBe(25);
    expect(second.read(second.acknowledgedThrough, 100).map((e) => e.seq)).toEqual(
      Array.from({ length: 15 }, (_, i) => 26 + i),
    );
    expect(second.append(events(1))[0]!.seq).toBe(41);
  });

  it('cuts a write torn by a crash off the end of a segment and loses nothing written before it', () => {
    const directory = freshDirectory();
    const buffer = new DiskBuffer({ directory, maxBytes: 10 * 1024 * 1024 });
    buffer.append(events(5));
    buffer.close();
    const segment = readdirSync(directory).find((f) => f.endsWith('.seg'))!;
    appendFileSync(path.join(directory, segment), '{"time":"2026-11-24T09:00:00+09:00","categ');
    const logs: string[] = [];
    const reopened = new DiskBuffer({
      directory,
      maxBytes: 10 * 1024 * 1024,
      log: (_level, message) => logs.push(message),
    });
    expect(reopened.read(0, 100).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(reopened.append(events(1))[0]!.seq).toBe(6);
    expect(reopened.read(0, 100)).toHaveLength(6);
    expect(logs.some((m) => m.includes('torn write'))).toBe(true);
  });

  it('when full, drops the oldest unsent events, keeps the newest, and says so in its log', () => {
    const directory = freshDirectory();
    const warnings: { message: string; details?: Record<string, unknown> }[] = [];
    const buffer = new DiskBuffer({
      directory,
      maxBytes: 20_000,
      segmentBytes: 4_000,
      log: (level, message, details) => level === 'warn' && warnings.push({ message, details }),
    });
    for (let i = 0; i < 20; i += 1) buffer.append(events(20, i * 20));
    const state = buffer.state();
    expect(state.bytes).toBeLessThanOrEqual(20_000 + 4_000);
    expect(state.droppedEvents).toBeGreaterThan(0);
    expect(warnings[0]!.message).toMatch(/disk buffer full .* dropped the oldest \d+ unsent events/);
    const kept = buffer.read(buffer.acknowledgedThrough, 1000);
    expect(kept.at(-1)!.seq).toBe(400); // the newest survive
    expect(kept[0]!.seq).toBe(buffer.acknowledgedThrough + 1);
    expect(kept.length + state.droppedEvents).toBe(400);
  });
});
