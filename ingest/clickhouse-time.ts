/** ClickHouse's plain DateTime64 text form in UTC: "2026-11-24 00:15:02.123" (no offset parsing needed). */
export function toClickHouseTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
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
