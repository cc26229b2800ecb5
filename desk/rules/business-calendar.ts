/**
 * Art. 13: the desk's business hours. The desk works 9:30-12:00 and 13:00-17:30 JST on business
 * days; it is closed on weekends, Japanese national holidays (with substitute holidays 振替休日 and
 * citizens' holidays 国民の休日) and during the year-end/new-year break, 12/29-1/3.
 *
 * JST is computed as UTC+9 (Japan has no daylight saving time), never through the process's time
 * zone, so a server running in UTC and a developer's laptop in Tokyo give the same answers.
 * The holiday data of @holiday-jp/holiday_jp covers 1970-2050; outside it only weekends and the
 * year-end break are closed.
 */
import { closedReasonOfJstDay, type ClosedReason } from '../../common/japan-calendar.js';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  dateOfJstDayNumber,
  jstDayNumber,
  jstDayNumberStart,
} from '../../common/jst-time.js';

export type { ClosedKind, ClosedReason } from '../../common/japan-calendar.js';

/** A scan that finds no room for the requested time within this span is a bug, not a long wait. */
const MAX_SCAN_DAYS = 5 * 366;

export const BUSINESS_WINDOWS: readonly { start: string; end: string }[] = Object.freeze([
  Object.freeze({ start: '09:30', end: '12:00' }),
  Object.freeze({ start: '13:00', end: '17:30' }),
]);

function offsetOfClockTime(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return (hours ?? 0) * HOUR_MS + (minutes ?? 0) * MINUTE_MS;
}

/** The windows as milliseconds after JST midnight, so the loops below add numbers only. */
const WINDOW_OFFSETS = BUSINESS_WINDOWS.map((window) => ({
  start: offsetOfClockTime(window.start),
  end: offsetOfClockTime(window.end),
}));

/** A queue's clocks revisit the same few hundred days; formatting each date again dominated the cost. */
const businessDayCache = new Map<number, boolean>();

function isBusinessDayNumber(day: number): boolean {
  let open = businessDayCache.get(day);
  if (open === undefined) {
    open = closedReasonOfJstDay(day) === null;
    if (businessDayCache.size >= 50_000) businessDayCache.clear();
    businessDayCache.set(day, open);
  }
  return open;
}

function dayNumberOfDate(jstDate: string): number {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(jstDate) ? Date.parse(`${jstDate}T00:00:00Z`) / DAY_MS : NaN;
  // Date.parse rolls 2026-02-30 over to March 2; a date that does not exist is a caller's mistake.
  if (!Number.isInteger(day) || dateOfJstDayNumber(day) !== jstDate) {
    throw new RangeError(`"${jstDate}" is not a calendar date in the form YYYY-MM-DD.`);
  }
  return day;
}

function instantMs(at: Date, name: string): number {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is an invalid Date.`);
  return ms;
}

/** Why a JST date is not a business day, or null when it is one. */
export function closedReason(jstDate: string): ClosedReason | null {
  const reason = closedReasonOfJstDay(dayNumberOfDate(jstDate));
  return reason && { kind: reason.kind, name: { ...reason.name } };
}

export function isBusinessDay(jstDate: string): boolean {
  return isBusinessDayNumber(dayNumberOfDate(jstDate));
}

/** Business milliseconds in [from, to); 0 when to <= from. */
export function businessMillisecondsBetween(from: Date, to: Date): number {
  const fromMs = instantMs(from, 'from');
  const toMs = instantMs(to, 'to');
  if (toMs <= fromMs) return 0;
  let total = 0;
  const lastDay = jstDayNumber(toMs);
  for (let day = jstDayNumber(fromMs); day <= lastDay; day++) {
    if (!isBusinessDayNumber(day)) continue;
    const dayStart = jstDayNumberStart(day);
    for (const window of WINDOW_OFFSETS) {
      const start = Math.max(dayStart + window.start, fromMs);
      const end = Math.min(dayStart + window.end, toMs);
      if (end > start) total += end - start;
    }
  }
  return total;
}

/** Business minutes in [from, to), fractional when the instants are not on whole minutes. */
export function businessMinutesBetween(from: Date, to: Date): number {
  return businessMillisecondsBetween(from, to) / MINUTE_MS;
}

/**
 * The instant at which `minutes` business minutes have passed since `from`. A positive amount
 * ends inside a window or at its end (Friday 17:30, not Monday 9:30): the time is used up at
 * 17:30, and the clocks' due and breach instants must not jump over the weekend.
 * minutes <= 0 returns `from`. Sub-millisecond parts of `minutes` are rounded away.
 */
export function addBusinessMinutes(from: Date, minutes: number): Date {
  const fromMs = instantMs(from, 'from');
  if (!Number.isFinite(minutes)) throw new RangeError(`minutes must be a finite number, not ${minutes}.`);
  let remaining = Math.round(minutes * MINUTE_MS);
  if (remaining <= 0) return new Date(fromMs);
  const firstDay = jstDayNumber(fromMs);
  for (let day = firstDay; day - firstDay <= MAX_SCAN_DAYS; day++) {
    if (!isBusinessDayNumber(day)) continue;
    const dayStart = jstDayNumberStart(day);
    for (const window of WINDOW_OFFSETS) {
      const start = Math.max(dayStart + window.start, fromMs);
      const available = dayStart + window.end - start;
      if (available <= 0) continue;
      if (remaining <= available) return new Date(start + remaining);
      remaining -= available;
    }
  }
  throw new RangeError(`${minutes} business minutes after ${from.toISOString()} do not fit in ${MAX_SCAN_DAYS} days.`);
}

/** The start of the next business window at or after `at` (at itself when inside a window). */
export function nextBusinessInstant(at: Date): Date {
  const atMs = instantMs(at, 'at');
  const firstDay = jstDayNumber(atMs);
  for (let day = firstDay; day - firstDay <= MAX_SCAN_DAYS; day++) {
    if (!isBusinessDayNumber(day)) continue;
    const dayStart = jstDayNumberStart(day);
    for (const window of WINDOW_OFFSETS) {
      // A window is [start, end): at 17:30 itself the desk has closed, so the answer is the next 9:30.
      if (atMs < dayStart + window.end) return new Date(Math.max(atMs, dayStart + window.start));
    }
  }
  throw new RangeError(`No business day within ${MAX_SCAN_DAYS} days after ${at.toISOString()}.`);
}
