/** ClickHouse's plain DateTime64 text form in UTC: "2026-11-24 00:15:02.123" (no offset parsing needed). */
export function toClickHouseTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** The engine's text form (UTC, no marker) → a Date. */
export function fromClickHouseTime(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}Z`);
}

/** Epoch milliseconds → the engine's text form, cached per second: on the ingest path most events share a second with the one before. */
let cachedSecond = NaN;
let cachedPrefix = '';
export function toClickHouseTimeFast(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = toClickHouseTime(second * 1000).slice(0, 19);
  }
  return `${cachedPrefix}.${String(epochMs - second * 1000).padStart(3, '0')}`;
}

let lastMicros = 0;

/**
 * A strictly increasing change time with microseconds, so two changes of one row in the same
 * millisecond still have an order for argMax.
 */
export function changeTimeNow(): string {
  const micros = Math.max(Date.now() * 1000, lastMicros + 1);
  lastMicros = micros;
  const iso = new Date(Math.floor(micros / 1000)).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}
