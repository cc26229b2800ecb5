/**
 * Time in Japan. Japan has no daylight saving time, so JST is UTC+9 exactly and every conversion
 * here is arithmetic on UTC milliseconds, never the process's time zone: a server in UTC and a
 * laptop in Tokyo give the same answers. The terms' dates (start date, end date, trial end,
 * deletion deadline) are JST calendar days, handled as 'YYYY-MM-DD' text.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const JST_OFFSET_MS = 9 * HOUR_MS;

/** Days since 1970-01-01 counted in JST: the day that contains the instant `ms` in Japan. */
export function jstDayNumber(ms: number): number {
  return Math.floor((ms + JST_OFFSET_MS) / DAY_MS);
}

/** The instant (UTC ms) at which JST day number `day` begins. */
export function jstDayNumberStart(day: number): number {
  return day * DAY_MS - JST_OFFSET_MS;
}

/** 'YYYY-MM-DD' of a JST day number. */
export function dateOfJstDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The JST calendar date ('YYYY-MM-DD') of an instant. */
export function jstDateOf(instant: Date | number): string {
  return new Date(toMs(instant) + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' plus whole days. */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The instant a JST calendar day begins. */
export function startOfJstDay(date: string): Date {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() - JST_OFFSET_MS);
}

/** Hours since JST midnight, fractional (9.5 = 09:30). */
export function jstHourOfDay(ms: number): number {
  return ((((ms + JST_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
}

/** "2026-11" → the month's first instant and the next month's first instant, as JST midnights. */
export function jstMonthRange(month: string): { from: Date; to: Date } {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) throw new RangeError(`not a month: ${month} (YYYY-MM)`);
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  if (index < 0 || index > 11) throw new RangeError(`not a month: ${month} (YYYY-MM)`);
  return {
    from: new Date(Date.UTC(year, index, 1) - JST_OFFSET_MS),
    to: new Date(Date.UTC(year, index + 1, 1) - JST_OFFSET_MS),
  };
}

/** 'YYYY-MM' of an instant in JST. */
export function jstMonthOf(at: Date | number): string {
  return new Date(toMs(at) + JST_OFFSET_MS).toISOString().slice(0, 7);
}

/**
 * The one way the server writes a JST time for people (notices, mail, certificates):
 * "2026-11-24 18:05" — wall-clock time to the minute.
 */
export function formatJst(at: Date | number): string {
  return new Date(toMs(at) + JST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** RFC 3339 with the +09:00 offset, as a Japanese PC reports its clock: 2026-11-24T09:15:02.123+09:00. */
export function toJstIsoString(at: Date | number): string {
  return new Date(Math.round(toMs(at)) + JST_OFFSET_MS).toISOString().replace('Z', '+09:00');
}

function toMs(at: Date | number): number {
  return typeof at === 'number' ? at : at.getTime();
}
