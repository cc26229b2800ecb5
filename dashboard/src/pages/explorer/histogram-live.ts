import type { Histogram, LogEvent } from '../../api/contract.js';

/**
 * Events that arrived by the live tail, counted into the histogram on screen: the bucket holding each event's
 * time gets one more of its category (or of its value of the split's field, or "other"), and the total grows, so the count and the chart agree with the list.
 * Events after the last bucket (a relative range moves on while the tail is open) get new buckets of the same
 * size; events before the first bucket are outside the range and are not counted.
 */
export function addToHistogram(histogram: Histogram, events: readonly LogEvent[]): Histogram {
  if (events.length === 0 || histogram.buckets.length === 0) return histogram;
  const size = histogram.bucketSeconds * 1000;
  const buckets = histogram.buckets.map((bucket) => ({ ...bucket, counts: { ...bucket.counts } }));
  const first = Date.parse(buckets[0]!.t);
  let added = 0;
  let to = Date.parse(histogram.to);
  for (const event of events) {
    const at = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(event.time) ? event.time : `${event.time.replace(' ', 'T')}Z`);
    if (Number.isNaN(at) || at < first) continue;
    const index = Math.floor((at - first) / size);
    while (buckets.length <= index)
      buckets.push({ t: new Date(first + buckets.length * size).toISOString(), counts: {} });
    const bucket = buckets[index]!;
    const split = histogram.split;
    if (!split) bucket.counts[event.category] = (bucket.counts[event.category] ?? 0) + 1;
    else {
      const value = String(event[split.column] ?? '');
      if (split.values.includes(value)) bucket.counts[value] = (bucket.counts[value] ?? 0) + 1;
      else bucket.other = (bucket.other ?? 0) + 1;
    }
    added += 1;
    to = Math.max(to, at + 1);
  }
  return { ...histogram, to: new Date(to).toISOString(), total: histogram.total + added, buckets };
}
