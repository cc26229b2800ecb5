/**
 * Calendar dates in Japan. The terms' dates (start date, end date, trial end, deletion deadline)
 * are JST calendar days; they are stored as ClickHouse Date and compared as 'YYYY-MM-DD' text.
 */
const JST_OFFSET_MS = 9 * 3_600_000;

export function jstDateOf(instant: Date): string {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** "2026-11-24 18:05": an instant as JST wall-clock time to the minute, for notices and messages. */
export function formatJst(at: Date): string {
  return new Date(at.getTime() + JST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The instant a JST calendar day begins. */
export function startOfJstDay(date: string): Date {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() - JST_OFFSET_MS);
}

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
  if (current.deletion_basis === 'agreed' && current.deletion_deadline) return { deadline: current.deletion_deadline, basis: 'agreed' };
  return { deadline: addDays(endDate, retentionDays), basis: 'default' };
}

/** Art. 16: data is deleted by the deadline the desk sets (a default after the end), or an agreed date. */
export function deletionDeadline(endDate: string, retentionDays: number, agreedDate?: string): string {
  return agreedDate ?? addDays(endDate, retentionDays);
}
