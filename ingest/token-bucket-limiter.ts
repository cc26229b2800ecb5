/**
 * A token bucket per key (a device, an IP address): `rate` events a second on average, bursts up to `burst`.
 * A refused batch is told how long to wait before the whole batch would fit.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {}

  /** Takes `count` tokens, or answers how many ms until it could. */
  take(key: string, count: number, now = Date.now()): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedAt: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.rate);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (count <= bucket.tokens) {
      bucket.tokens -= count;
      return { allowed: true };
    }
    const needed = Math.min(count, this.burst) - bucket.tokens;
    return { allowed: false, retryAfterMs: Math.ceil((needed / this.rate) * 1000) };
  }

  /** How long until `count` tokens would be there, without taking any; 0 when they are there now. */
  waitFor(key: string, count: number, now = Date.now()): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.rate);
    return tokens >= count ? 0 : Math.ceil(((Math.min(count, this.burst) - tokens) / this.rate) * 1000);
  }

  /**
   * Takes `count` tokens even when fewer are there (what was already read cannot be refused): the bucket may go
   * into debt. Answers how many ms until it holds no debt again; 0 when it holds none now.
   */
  spend(key: string, count: number, now = Date.now()): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedAt: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.rate) - count;
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    return this.debtMs(bucket.tokens);
  }

  /** How long until the key's bucket holds no debt, without taking any; 0 when it holds none. */
  debtWait(key: string, now = Date.now()): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    return this.debtMs(Math.min(this.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.rate));
  }

  private debtMs(tokens: number): number {
    return tokens >= 0 ? 0 : Math.ceil((-tokens / this.rate) * 1000);
  }

  forget(key: string): void {
    this.buckets.delete(key);
  }
}
