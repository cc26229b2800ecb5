import type { DeviceRecord } from './device-store.js';

/**
 * Devices looked up by id for credential checks, at most one query at a time: the ids asked for while a query
 * runs wait and go together in the next one (up to `maxIdsPerQuery`). A storm of unknown credentials (2,000
 * made-up device ids, each new to the negative cache) then costs the database one query at a time, however
 * fast it comes, instead of one query per attempt competing with the agents' inserts; a reconnect storm of
 * real agents is answered in a few queries of many ids. The ids asked for in one turn of the event loop start
 * together.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class DeviceLookups {
  private readonly waiting = new Map<string, Waiter[]>();
  private running = false;
  private scheduled = false;
  private queriesRun = 0;

  constructor(
    private readonly find: (deviceIds: string[]) => Promise<DeviceRecord[]>,
    private readonly maxIdsPerQuery = 1000,
  ) {}

  /** Queries run so far (for tests and metrics). */
  get queries(): number {
    return this.queriesRun;
  }

  lookup(deviceId: string): Promise<DeviceRecord | undefined> {
    // Not a UUID the engine would parse: no such device, and it must not fail the others' query.
    if (!UUID.test(deviceId)) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const waiters = this.waiting.get(deviceId);
      if (waiters) waiters.push({ resolve, reject });
      else this.waiting.set(deviceId, [{ resolve, reject }]);
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
    const batch = new Map<string, Waiter[]>();
    for (const [deviceId, waiters] of this.waiting) {
      if (batch.size >= this.maxIdsPerQuery) break;
      batch.set(deviceId, waiters);
    }
    for (const deviceId of batch.keys()) this.waiting.delete(deviceId);
    this.queriesRun += 1;
    try {
      const found = new Map((await this.find([...batch.keys()])).map((record) => [record.device_id, record]));
      for (const [deviceId, waiters] of batch) for (const waiter of waiters) waiter.resolve(found.get(deviceId));
    } catch (error) {
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
    } finally {
      this.running = false;
      this.schedule();
    }
  }
}

interface Waiter {
  resolve(record: DeviceRecord | undefined): void;
  reject(error: unknown): void;
}
