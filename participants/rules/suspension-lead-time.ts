import { closedReasonOfJstDay } from '../../common/japan-calendar.js';
import { jstDayNumber, jstDayNumberStart } from '../../common/jst-time.js';
import type { ServiceSuspensionReason } from './reason-codes.js';

/**
 * Art. 8 (2): a planned suspension is announced ahead. "Ahead" is a number of business days (the
 * Japanese calendar: no weekends, national holidays or the year-end break, common/japan-calendar.ts)
 * that must lie wholly between the day of the notice and the day the suspension starts: announced on a
 * Monday with 3 days, it may start on Friday 00:00 JST at the earliest.
 */
export function earliestPlannedStart(noticeAt: Date, businessDays: number): Date {
  // No lead time configured: any time after the notice (the delivery rule of art. 21 still applies).
  if (businessDays <= 0) return new Date(noticeAt.getTime());
  let day = jstDayNumber(noticeAt.getTime());
  for (let counted = 0; counted < businessDays;) {
    day += 1;
    if (!closedReasonOfJstDay(day)) counted += 1;
  }
  return new Date(jstDayNumberStart(day + 1));
}

/**
 * Art. 8 (1) lists five grounds for a suspension; an urgent one, announced without the lead time,
 * must name one of them ("other" is not one).
 */
export const ARTICLE_8_GROUNDS: readonly ServiceSuspensionReason[] = [
  'maintenance',
  'unauthorised_access_defence',
  'disaster',
  'malfunction',
  'legal_request',
];
