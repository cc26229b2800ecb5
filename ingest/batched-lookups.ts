/**
 * Lookups by key at most one query at a time: the keys asked for while a query runs wait and go together in the
 * next one (up to `maxKeysPerQuery`). The keys asked for in one turn of the event loop start together.
 *
 * Used for what the gateway reads per device (device-authenticator.ts: credentials; first-write-guard.ts: the
 * highest stored seq). A storm of unknown credentials (2,000 made-up device ids, each new to the negative
 * cache) then costs the database one query at a time, however fast it comes, instead of one query per attempt
 * competing with the agents' inserts; 200 agents sending their first batch at once wait for one query of 200
 * ids (~20 ms), not for 200 queries one after the other on the shared session (~4 s, the ingest bench's first acks).
 */
export class BatchedLookups<V> {
  private readonly waiting = new Map<string, Waiter<V>[]>();
  private running = false;
  private scheduled = false;
  private queriesRun = 0;

  /** `find` answers the keys it knows; a key it leaves out resolves undefined. */
  constructor(
    private readonly find: (keys: string[]) => Promise<Map<string, V>>,
    private readonly maxKeysPerQuery = 1000,
  ) {}

  /** Queries run so far (for tests and metrics). */
  get queries(): number {
    return this.queriesRun;
  }

  lookup(key: string): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiters = this.waiting.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running || this.scheduled || this.waiting.size === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.runOne();
    });
  }

  private async runOne(): Promise<void> {
    if (this.running || this.waiting.size === 0) return;
    this.running = true;
    const batch = new Map<string, Waiter<V>[]>();
    for (const [key, waiters] of this.waiting) {
      if (batch.size >= this.maxKeysPerQuery) break;
      batch.set(key, waiters);
    }
    for (const key of batch.keys()) this.waiting.delete(key);
    this.queriesRun += 1;
    try {
      const found = await this.find([...batch.keys()]);
      for (const [key, waiters] of batch) for (const waiter of waiters) waiter.resolve(found.get(key));
    } catch (error) {
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
    } finally {
      this.running = false;
      this.schedule();
    }
  }
}

interface Waiter<V> {
  resolve(value: V | undefined): void;
  reject(error: unknown): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a key may go in a query of `Array(UUID)`: one the engine would not parse would fail the others' query. */
export function isUuid(key: string): boolean {
  return UUID.test(key);
}
