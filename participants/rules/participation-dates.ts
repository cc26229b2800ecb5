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

/**
 * Art. 16 when someone leaves: a date agreed now, else a date agreed earlier (still in force), else
 * the desk's default after the end.
 */
export function deadlineOnLeaving(
  current: { deletion_deadline: string | null; deletion_basis: string },
  endDate: string,
  retentionDays: number,
  agreedNow?: string,
): { deadline: string; basis: 'default' | 'agreed' } {
  if (agreedNow) return { deadline: agreedNow, basis: 'agreed' };
  if (current.deletion_basis === 'agreed' && current.deletion_deadline)
    return { deadline: current.deletion_deadline, basis: 'agreed' };
  return { deadline: addDays(endDate, retentionDays), basis: 'default' };
}
