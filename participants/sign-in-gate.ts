import { FAILURE_LOOKBACK_MS, lockedUntil } from './rules/lockout.js';

/**
 * Counts a sign-in attempt before its password is checked, so that at most FAILURES_TO_LOCK guesses per
 * login are ever evaluated in a window, however many arrive at once (issue 15, finding 3: 100
 * concurrent wrong passwords were all checked before the stored failures showed the lock).
 *
 * The stored sign-in history stays the record every gateway and a restarted process reads; this adds,
 * per login and in this process, the failures already recorded here (a stored read that began before
 * they were written cannot show them) and the attempts being checked right now, counted as failures
 * until they are known. The decision and the count happen in one synchronous step, so two requests of
 * one process cannot both take the last attempt. Several gateways each keep their own count: a burst
 * spread over G gateways at the same instant can have up to G × FAILURES_TO_LOCK guesses checked.
 */
interface LoginAttempts {
  checking: number;
  /** Failure times (ms) this process recorded, as stored (the same `at`). */
  failures: number[];
}

const PRUNE_ABOVE = 10_000;

export class SignInGate {
  private readonly logins = new Map<string, LoginAttempts>();

  /**
   * Decides, and counts the attempt when it may go ahead: `{ lockedUntil }` when the stored failures,
   * this process's own and the attempts in progress lock the login; otherwise a ticket to settle.
   */
  admit(
    accountId: string,
    storedFailures: readonly Date[],
    now: Date,
  ): { lockedUntil: Date } | { attempt: AttemptTicket } {
    const attempts = this.logins.get(accountId) ?? { checking: 0, failures: [] };
    const failures = mergedFailures(
      storedFailures.map((at) => at.getTime()),
      attempts.failures,
    );
    const pending = Array.from({ length: attempts.checking }, () => now.getTime());
    const until = lockedUntil(
      [...failures, ...pending].map((at) => new Date(at)),
      now,
    );
    if (until) return { lockedUntil: until };
    attempts.checking += 1;
    this.logins.set(accountId, attempts);
    if (this.logins.size > PRUNE_ABOVE) this.prune(now);
    return { attempt: new AttemptTicket(attempts, () => this.forgetIfIdle(accountId, attempts)) };
  }

  /** The desk unlocked the login: the failures this process counted no longer lock it (attempts in progress still count). */
  forgetFailures(accountId: string): void {
    const attempts = this.logins.get(accountId);
    if (!attempts) return;
    attempts.failures = [];
    this.forgetIfIdle(accountId, attempts);
  }

  private forgetIfIdle(accountId: string, attempts: LoginAttempts): void {
    if (attempts.checking === 0 && attempts.failures.length === 0 && this.logins.get(accountId) === attempts)
      this.logins.delete(accountId);
  }

  private prune(now: Date): void {
    for (const [accountId, attempts] of this.logins) {
      attempts.failures = attempts.failures.filter((at) => now.getTime() - at < FAILURE_LOOKBACK_MS);
      this.forgetIfIdle(accountId, attempts);
    }
  }
}

/** One admitted attempt: say how it ended once its outcome is stored, and always release it. */
export class AttemptTicket {
  private released = false;
  constructor(
    private readonly attempts: LoginAttempts,
    private readonly onRelease: () => void,
  ) {}

  failed(at: Date): void {
    this.attempts.failures.push(at.getTime());
  }

  /** A success starts the count afresh, as the stored history does. */
  succeeded(): void {
    this.attempts.failures = [];
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.attempts.checking -= 1;
    this.onRelease();
  }
}

/** The stored failures and this process's, each failure once (this process stores its own with the same time). */
function mergedFailures(stored: readonly number[], local: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const at of stored) counts.set(at, (counts.get(at) ?? 0) + 1);
  const localCounts = new Map<number, number>();
  for (const at of local) localCounts.set(at, (localCounts.get(at) ?? 0) + 1);
  for (const [at, count] of localCounts) counts.set(at, Math.max(counts.get(at) ?? 0, count));
  return [...counts].flatMap(([at, count]) => Array.from({ length: count }, () => at));
}
