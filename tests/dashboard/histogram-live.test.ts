import { describe, expect, it } from 'vitest';
import { addToHistogram } from '../../dashboard/src/pages/explorer/histogram-live.js';
import type { Histogram, LogEvent } from '../../contract/index.js';

/** Issue 22: the live tail added rows while the count and the histogram stayed at 0. */
const histogram: Histogram = {
  from: '2026-12-05T00:00:00.000Z',
  to: '2026-12-05T01:00:00.000Z',
  bucketSeconds: 1800,
  total: 0,
  buckets: [
    { t: '2026-12-05T00:00:00.000Z', counts: {} },
    { t: '2026-12-05T00:30:00.000Z', counts: {} },
  ],
};
const event = (time: string, category: string) => ({ time, category, device_id: 'd', seq: '1' }) as unknown as LogEvent;

describe('events arriving by the live tail', () => {
  it('are counted into their bucket and the total', () => {
    const next = addToHistogram(histogram, [
      event('2026-12-05 00:40:00.000', 'web_access'),
      event('2026-12-05 00:41:00.000', 'web_access'),
      event('2026-12-05 00:10:00.000', 'logon'),
    ]);
    expect(next.total).toBe(3);
    expect(next.buckets.map((b) => b.counts)).toEqual([{ logon: 1 }, { web_access: 2 }]);
    expect(histogram.total).toBe(0); // the one on screen is replaced, not changed under the chart
  });

  it('grow the range with new buckets when they are newer than it, and skip ones before it', () => {
    const next = addToHistogram(histogram, [
      event('2026-12-05T01:15:00Z', 'printer_output'),
      event('2026-12-04 23:59:00.000', 'logon'),
    ]);
    expect(next.total).toBe(1);
    expect(next.buckets).toHaveLength(3);
    expect(next.buckets[2]).toEqual({ t: '2026-12-05T01:00:00.000Z', counts: { printer_output: 1 } });
    expect(Date.parse(next.to)).toBeGreaterThan(Date.parse('2026-12-05T01:15:00Z'));
  });

  it('split by a field: a shown value gets one more, any other value counts as other', () => {
    const split: Histogram = { ...histogram, split: { field: 'user_name', column: 'user_name', values: ['sato'] } };
    const byUser = (time: string, user: string) =>
      ({ time, category: 'logon', user_name: user, device_id: 'd', seq: '1' }) as unknown as LogEvent;
    const next = addToHistogram(split, [
      byUser('2026-12-05 00:40:00.000', 'sato'),
      byUser('2026-12-05 00:41:00.000', 'ito'),
      byUser('2026-12-05 00:42:00.000', 'ueda'),
    ]);
    expect(next.total).toBe(3);
    expect(next.buckets[1]).toEqual({ t: '2026-12-05T00:30:00.000Z', counts: { sato: 1 }, other: 2 });
  });
});
