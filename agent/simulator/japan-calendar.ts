/**
 * The simulated offices' calendar: the plan's days in JST, with weekends, national holidays and
 * 年末年始 from the shared calendar (common/japan-calendar.ts), plus the summer break most Japanese
 * offices also take (お盆 8/13-8/15).
 */
import { japaneseHoliday, isYearEndBreak } from '../../common/japan-calendar.js';
import { DAY_MS, jstDayNumber, jstDayNumberStart, toJstIsoString } from '../../common/jst-time.js';

export { DAY_MS, HOUR_MS, MINUTE_MS, JST_OFFSET_MS, jstDayNumber, jstHourOfDay } from '../../common/jst-time.js';

export type DayKind = 'workday' | 'weekend' | 'holiday';

export interface CalendarDay {
  /** Position in the plan; day 0 is the JST day holding the plan's start. */
  index: number;
  /** Days since 1970-01-01 in JST; makes per-device seq numbers increase across days. */
  dayNumber: number;
  startMs: number;
  /** YYYY-MM-DD in JST. */
  date: string;
  year: number;
  month: number;
  dayOfMonth: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  kind: DayKind;
  holidayName?: string;
}

/** The instant the JST day containing `ms` begins. */
export function jstDayStart(ms: number): number {
  return jstDayNumberStart(jstDayNumber(ms));
}

/** YYYYMMDD in JST, for file names such as 議事録_20261124.docx. */
export function compactJstDate(ms: number): string {
  return toJstIsoString(ms).slice(0, 10).replaceAll('-', '');
}

function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

function dateParts(dayNumber: number): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(dayNumber * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

function companyBreakName(date: string, month: number, day: number): string | undefined {
  if (isYearEndBreak(date)) return '年末年始休業';
  if (month === 8 && day >= 13 && day <= 15) return '夏季休業';
  return undefined;
}

export function calendarDay(planStartMs: number, index: number): CalendarDay {
  const dayNumber = jstDayNumber(planStartMs) + index;
  const { year, month, day, weekday } = dateParts(dayNumber);
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const holidayName = japaneseHoliday(date)?.ja ?? companyBreakName(date, month, day);
  const kind: DayKind = weekday === 0 || weekday === 6 ? 'weekend' : holidayName ? 'holiday' : 'workday';
  return {
    index,
    dayNumber,
    startMs: jstDayNumberStart(dayNumber),
    date,
    year,
    month,
    dayOfMonth: day,
    weekday,
    kind,
    ...(holidayName ? { holidayName } : {}),
  };
}

/** Microsoft's monthly updates come out on the second Tuesday (US); Japan sees them on the Wednesday. */
export function patchWednesdayDayNumber(year: number, month: number): number {
  const first = weekdayOf(year, month, 1);
  const secondTuesday = 1 + ((9 - first) % 7) + 7;
  return Math.floor(Date.UTC(year, month - 1, secondTuesday + 1) / DAY_MS);
}
