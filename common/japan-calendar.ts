/**
 * The Japanese calendar every part of Yorozu shares: national holidays (with 振替休日 and 国民の休日)
 * from @holiday-jp/holiday_jp — maintained data, 1970-2050 — and the year-end/new-year break
 * (年末年始, 12/29-1/3) that Japanese offices and the desk (terms art. 13) close for.
 * Days are JST day numbers (common/jst-time.ts); no time-zone database is involved.
 */
import holidayJp from '@holiday-jp/holiday_jp';
import { dateOfJstDayNumber } from './jst-time.js';

export interface DayName {
  ja: string;
  en: string;
}

export type ClosedKind = 'weekend' | 'holiday' | 'year_end';
export interface ClosedReason {
  kind: ClosedKind;
  name: DayName;
}

/**
 * isHoliday() scans every key of the data on each call; callers ask about many days, so the names
 * are read once into a Map keyed by 'YYYY-MM-DD'.
 */
const HOLIDAYS = new Map(
  Object.values(holidayJp.holidays as Record<string, { date: string; name: string; name_en: string }>).map(
    (holiday) => [holiday.date, { ja: holiday.name, en: holiday.name_en }],
  ),
);

const YEAR_END_BREAK: DayName = { ja: '年末年始休業', en: 'Year-end and New Year break' };
const SATURDAY: DayName = { ja: '土曜日', en: 'Saturday' };
const SUNDAY: DayName = { ja: '日曜日', en: 'Sunday' };

/** 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday. */
export function weekdayOfJstDayNumber(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The national holiday on a JST day ('YYYY-MM-DD'), if any. */
export function japaneseHoliday(date: string): DayName | undefined {
  const holiday = HOLIDAYS.get(date);
  return holiday && { ...holiday };
}

/** 12/29-1/3, the break most Japanese offices take. */
export function isYearEndBreak(date: string): boolean {
  const monthDay = date.slice(5);
  return monthDay >= '12-29' || monthDay <= '01-03';
}

/** Why an office is closed on a JST day, or null on a working day. */
export function closedReasonOfJstDay(day: number): ClosedReason | null {
  const date = dateOfJstDayNumber(day);
  // The break is the office's own closing and spans weekends and 元日 alike, so it is named first;
  // a holiday falling on a Sunday is named as the holiday, which says more than "Sunday".
  if (isYearEndBreak(date)) return { kind: 'year_end', name: { ...YEAR_END_BREAK } };
  const holiday = japaneseHoliday(date);
  if (holiday) return { kind: 'holiday', name: holiday };
  const weekday = weekdayOfJstDayNumber(day);
  if (weekday === 6) return { kind: 'weekend', name: { ...SATURDAY } };
  if (weekday === 0) return { kind: 'weekend', name: { ...SUNDAY } };
  return null;
}
