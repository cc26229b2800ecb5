/**
 * Time buckets for the explorer's histogram and the timeline's density overview: the smallest bucket size
 * that keeps a range within MAX_BUCKETS, on JST boundaries (the engine groups in Asia/Tokyo), every bucket of
 * the range present, empty ones included, so a chart's time axis is even.
 */
const BUCKET_SECONDS = [1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 7 * 86400];
const MAX_BUCKETS = 120;
const JST_OFFSET_MS = 9 * 3_600_000;

export function bucketSecondsFor(from: Date, to: Date): number {
  const span = (to.getTime() - from.getTime()) / 1000;
  return BUCKET_SECONDS.find((seconds) => span / seconds <= MAX_BUCKETS) ?? BUCKET_SECONDS.at(-1)!;
}

export function alignToBucket(epochMs: number, bucketSeconds: number): number {
  const size = bucketSeconds * 1000;
  return Math.floor((epochMs + JST_OFFSET_MS) / size) * size - JST_OFFSET_MS;
}

/** The start (epoch ms) of every bucket from the one holding `from` up to `to`. */
export function bucketStarts(from: Date, to: Date, bucketSeconds: number): number[] {
  const starts: number[] = [];
  for (let start = alignToBucket(from.getTime(), bucketSeconds); start < to.getTime(); start += bucketSeconds * 1000)
    starts.push(start);
  return starts;
}
