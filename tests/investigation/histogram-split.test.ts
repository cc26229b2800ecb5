import { describe, expect, it } from 'vitest';
import { splitCounts, topValues } from '../../investigation/histogram-split.js';

/** Issue 22: the histogram split by a field keeps its busiest values and counts the rest as other. */
describe('the split histogram’s top values', () => {
  const rows = [
    { bucket: 0, value: 'sato', n: 5 },
    { bucket: 60, value: 'sato', n: 1 },
    { bucket: 0, value: 'abe', n: 3 },
    { bucket: 60, value: 'ito', n: 3 },
    { bucket: 60, value: 'ueda', n: 1 },
  ];

  it('keeps the busiest values (ties by value) and adds the rest up as other in each bucket', () => {
    expect(topValues(rows, 3)).toEqual(['sato', 'abe', 'ito']);
    const counts = splitCounts(rows, new Set(['sato', 'abe']));
    expect(counts.get(0)).toEqual({ counts: { sato: 5, abe: 3 }, other: 0 });
    expect(counts.get(60_000)).toEqual({ counts: { sato: 1 }, other: 4 });
  });
});
