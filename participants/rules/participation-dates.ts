/**
 * The terms' date rules: when use has ended (art. 9) and when data must be deleted (art. 16).
 * The calendar arithmetic itself is common/jst-time.ts.
 */
import { addDays, jstDateOf } from '../../common/jst-time.js';

/** Use ends at the end of its end date: on the next JST day the end-of-use job processes it. */
export function useHasEnded(endDate: string | null, trialEndsOn: string | null, now: Date): boolean {
  const today = jstDateOf(now);
  const ends = [endDate, trialEndsOn].filter((d): d is string => Boolean(d));
  return ends.some((d) => d < today);
}

/** Art. 16: data is deleted by the deadline the desk sets (a default after the end), or an agreed date. */
export function deletionDeadline(endDate: string, retentionDays: number, agreedDate?: string): string {
  return agreedDate ?? addDays(endDate, retentionDays);
}
