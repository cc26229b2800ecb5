import type { Context, MiddlewareHandler } from 'hono';
import type { Caller } from './caller.js';
import { ApiError } from './errors.js';
import { CALLER } from './route-guards.js';
import { requestOrigin, type ProxyTrust } from './request-origin.js';

/**
 * A bound on expensive work in progress (uploads, PDF renders), per caller and in total, so that one
 * signed-in user cannot take the server's memory or CPU (issue 15, finding 8). Over the bound the
 * request is refused at once with 429 and Retry-After, before its body is read.
 */
export interface ConcurrencyLimits {
  perCaller: number;
  total: number;
  /** Told to the refused client: when trying again is sensible. */
  retryAfterSeconds: number;
  /** What is being limited, in the error message ("uploads", "PDF renders"). */
  what: string;
}

export class ConcurrencyLimit {
  private readonly byCaller = new Map<string, number>();
  private running = 0;

  constructor(readonly limits: ConcurrencyLimits) {}

  /** Takes a slot for `key` or throws the 429; call the returned function once the work is done. */
  acquire(c: Context, key: string): () => void {
    const mine = this.byCaller.get(key) ?? 0;
    if (mine >= this.limits.perCaller || this.running >= this.limits.total) {
      c.header('Retry-After', String(this.limits.retryAfterSeconds));
      const whose =
        mine >= this.limits.perCaller
          ? `you have ${mine} in progress (at most ${this.limits.perCaller})`
          : `the server has ${this.running} in progress (at most ${this.limits.total})`;
      throw new ApiError(
        429,
        'too_many_in_progress',
        `Too many ${this.limits.what} at once: ${whose}. Try again in ${this.limits.retryAfterSeconds} s.`,
      );
    }
    this.byCaller.set(key, mine + 1);
    this.running += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
      const left = (this.byCaller.get(key) ?? 1) - 1;
      if (left <= 0) this.byCaller.delete(key);
      else this.byCaller.set(key, left);
    };
  }

  async run<T>(c: Context, key: string, work: () => Promise<T>): Promise<T> {
    const release = this.acquire(c, key);
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** For the route table: holds a slot from before the body is read until the answer is made. Keyed by account, else address. */
  middleware(trustProxy: ProxyTrust): MiddlewareHandler {
    return async (c, next) => {
      const caller = c.get(CALLER as never) as Caller | undefined;
      const release = this.acquire(c, caller?.accountId ?? `ip:${requestOrigin(c, trustProxy).ip}`);
      try {
        await next();
      } finally {
        release();
      }
    };
  }
}
