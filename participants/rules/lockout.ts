/**
 * Art. 20 makes a matching password "the participant", so guessing must be slow: after
 * FAILURES_TO_LOCK wrong passwords within WINDOW, the account is locked for LOCK_DURATION after
 * the last of them. Derived from the sign-in history, so every process agrees without a counter.
 */
export const FAILURES_TO_LOCK = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_DURATION_MS = 15 * 60_000;

/** How far back the failures must be read: a lock can rest on failures up to window + lock old. */
export const FAILURE_LOOKBACK_MS = FAILURE_WINDOW_MS + LOCK_DURATION_MS;

/**
 * `failures`: failed attempts since the last successful sign-in. Locked when the last failure and
 * the ones within WINDOW before it number FAILURES_TO_LOCK, until LOCK_DURATION after that last one.
 */
export function lockedUntil(failures: readonly Date[], now: Date): Date | undefined {
  const past = failures.map((at) => at.getTime()).filter((at) => at <= now.getTime());
  if (past.length < FAILURES_TO_LOCK) return undefined;
  const last = Math.max(...past);
  const burst = past.filter((at) => last - at < FAILURE_WINDOW_MS);
  if (burst.length < FAILURES_TO_LOCK) return undefined;
  const until = new Date(last + LOCK_DURATION_MS);
  return until.getTime() > now.getTime() ? until : undefined;
}

export function attemptsLeft(failures: readonly Date[], now: Date): number {
  const recent = failures.filter((at) => now.getTime() - at.getTime() < FAILURE_WINDOW_MS);
  return Math.max(0, FAILURES_TO_LOCK - recent.length);
}
