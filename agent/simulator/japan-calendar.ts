/**
 * Japanese office calendar in JST: day boundaries, weekends, national holidays (祝日法 as amended in
 * 2018; the one-off 2020/2021 Olympic moves are left out) and the company breaks most Japanese offices
 * take (年末年始 12/29-1/3, お盆 8/13-8/15). Pure arithmetic on UTC milliseconds, no time-zone database.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const JST_OFFSET_MS = 9 * HOUR_MS;

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

export function jstDayNumber(ms: number): number {
  return Math.floor((ms + JST_OFFSET_MS) / DAY_MS);
}

export function jstDayStart(ms: number): number {
  return jstDayNumber(ms) * DAY_MS - JST_OFFSET_MS;
}

/** Hours since JST midnight, fractional (9.5 = 09:30). */
export function jstHourOfDay(ms: number): number {
  return (((ms + JST_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS / HOUR_MS;
}

/** RFC 3339 with the +09:00 offset, as a Japanese PC would report it: 2026-11-24T09:15:02.123+09:00. */
export function formatJst(ms: number): string {
  return new Date(Math.round(ms) + JST_OFFSET_MS).toISOString().replace('Z', '+09:00');
}

/** YYYYMMDD in JST, for file names such as 議事録_20261124.docx. */
export function compactJstDate(ms: number): string {
  return formatJst(ms).slice(0, 10).replaceAll('-', '');
}

function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

function nthMonday(year: number, month: number, nth: number): number {
  const first = weekdayOf(year, month, 1);
  return 1 + ((8 - first) % 7) + (nth - 1) * 7;
}

function equinoxDay(year: number, base: number): number {
  // The Cabinet Office's approximation, valid for 1980-2099.
  return Math.floor(base + 0.242194 * (year - 1980) - Math.floor((year - 1980) / 4));
}

/** Statutory holidays that fall on a fixed rule, before substitutes (振替休日) and 国民の休日. */
function ruleHoliday(year: number, month: number, day: number): string | undefined {
  const fixed: Record<string, string> = {
    '1-1': '元日', '2-11': '建国記念の日', '2-23': '天皇誕生日', '4-29': '昭和の日', '5-3': '憲法記念日',
    '5-4': 'みどりの日', '5-5': 'こどもの日', '8-11': '山の日', '11-3': '文化の日', '11-23': '勤労感謝の日',
  };
  const name = fixed[`${month}-${day}`];
  if (name) return name;
  if (month === 1 && day === nthMonday(year, 1, 2)) return '成人の日';
  if (month === 3 && day === equinoxDay(year, 20.8431)) return '春分の日';
  if (month === 7 && day === nthMonday(year, 7, 3)) return '海の日';
  if (month === 9 && day === nthMonday(year, 9, 3)) return '敬老の日';
  if (month === 9 && day === equinoxDay(year, 23.2488)) return '秋分の日';
  if (month === 10 && day === nthMonday(year, 10, 2)) return 'スポーツの日';
  return undefined;
}

function dateParts(dayNumber: number): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(dayNumber * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** The national holiday on a JST day, if any. */
export function japaneseHolidayName(dayNumber: number): string | undefined {
  const { year, month, day, weekday } = dateParts(dayNumber);
  const direct = ruleHoliday(year, month, day);
  if (direct) return direct;
  // 振替休日: the first non-holiday after a holiday that fell on a Sunday.
  if (weekday !== 0) {
    for (let back = 1; back <= 6; back += 1) {
      const previous = dateParts(dayNumber - back);
      if (!ruleHoliday(previous.year, previous.month, previous.day)) break;
      if (previous.weekday === 0) return '振替休日';
    }
  }
  // 国民の休日: a weekday squeezed between two holidays (happens in some Septembers).
  const before = dateParts(dayNumber - 1);
  const after = dateParts(dayNumber + 1);
  if (weekday !== 0 && ruleHoliday(before.year, before.month, before.day) && ruleHoliday(after.year, after.month, after.day)) return '国民の休日';
  return undefined;
}

function companyBreakName(month: number, day: number): string | undefined {
  if ((month === 12 && day >= 29) || (month === 1 && day <= 3)) return '年末年始休業';
  if (month === 8 && day >= 13 && day <= 15) return '夏季休業';
  return undefined;
}

export function calendarDay(planStartMs: number, index: number): CalendarDay {
  const dayNumber = jstDayNumber(planStartMs) + index;
  const { year, month, day, weekday } = dateParts(dayNumber);
  const holidayName = japaneseHolidayName(dayNumber) ?? companyBreakName(month, day);
  const kind: DayKind = weekday === 0 || weekday === 6 ? 'weekend' : holidayName ? 'holiday' : 'workday';
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return {
    index, dayNumber, startMs: dayNumber * DAY_MS - JST_OFFSET_MS, date, year, month, dayOfMonth: day, weekday, kind,
    ...(holidayName ? { holidayName } : {}),
  };
}

/** Microsoft's monthly updates come out on the second Tuesday (US); Japan sees them on the Wednesday. */
export function patchWednesdayDayNumber(year: number, month: number): number {
  const first = weekdayOf(year, month, 1);
  const secondTuesday = 1 + ((9 - first) % 7) + 7;
  return Math.floor(Date.UTC(year, month - 1, secondTuesday + 1) / DAY_MS);
}
