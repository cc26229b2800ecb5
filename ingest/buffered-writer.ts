import { EventEmitter } from 'node:events';

/**
 * Collects rows for one table from many batches and inserts them together, flushing when enough
 * rows wait or the oldest has waited long enough. `write` resolves only once the insert holding its
 * rows has returned, which is what lets the gateway acknowledge a batch as durably stored.
 *
 * Group commit: a group smaller than `flushRows` starts only while no other insert of the table runs;
 * what arrives meanwhile waits for that insert and goes in the next one. Each insert costs the engine
 * a fixed part (a new part in the table and in each materialized view's, about 20 ms of CPU for `events` as RowBinary,
 * 500 rows at 46 µs/row in `npx tsx bench/insert-paths.ts`)
 * besides its rows, so under load the inserts grow with the load instead of multiplying, and at
 * rest a row still waits no more than the interval. Full groups go side by side (`maxConcurrentInserts`).
 *
 * Retryable engine errors are retried with backoff; a permanent error of a combined insert is
 * bisected so that one bad batch fails alone and every other batch is still stored.
 */
export type InsertRows<Row> = (table: string, rows: Row[]) => Promise<void>;

export interface BufferedWriterOptions<Row> {
  table: string;
  insert: InsertRows<Row>;
  isRetryable: (error: unknown) => boolean;
  flushRows: number;
  flushIntervalMs: number;
  /** Above this many rows waiting or in flight the writer reports itself behind. */
  maxQueuedRows: number;
  retries: number;
  maxConcurrentInserts?: number;
  retryBaseDelayMs?: number;
  observeInsert?: (table: string, rows: number, seconds: number, outcome: 'ok' | 'retry' | 'failed') => void;
  /**
   * When the engine refuses one write for good, find the rows it refuses (by bisecting that write's rows) and
   * store the others: the write then resolves with the refused rows' indexes instead of failing as a whole.
   */
  isolateRows?: boolean;
}

/** What became of one write: the indexes of rows the engine refused for good (isolateRows only), and why. */
export interface WriteOutcome {
  refusedRows: number[];
  refusal?: WriteFailedError;
}

const STORED: WriteOutcome = { refusedRows: [] };
/** Inserts one write's isolation may take: enough to find a few bad rows among 200,000 (2 × 18 per row). */
const ISOLATION_INSERTS = 160;

interface PendingWrite<Row> {
  rows: Row[];
  resolve: (outcome: WriteOutcome) => void;
  reject: (error: unknown) => void;
}

export class WriteFailedError extends Error {
  constructor(
    readonly table: string,
    readonly retryable: boolean,
    override readonly cause: unknown,
    /**
     * The engine refused these rows while it stored others of the same insert: the rows are at fault,
     * and sending them again cannot succeed. False when nothing could be stored (a table-level problem).
     */
    readonly rowsAtFault = false,
  ) {
    super(
      `insert into ${table} failed${retryable ? ' after retries' : ''}: ${(cause as Error)?.message ?? String(cause)}`,
    );
  }
}

export class BufferedWriter<Row> extends EventEmitter {
  private pending: PendingWrite<Row>[] = [];
  private pendingRows = 0;
  /** When the oldest write now waiting arrived (performance.now()). */
  private oldestPendingAt = 0;
  private inFlightRows = 0;
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private wasBehind = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly options: BufferedWriterOptions<Row>) {
    super();
  }

  get table(): string {
    return this.options.table;
  }

  /** Rows accepted but not yet returned from an insert. */
  get queuedRows(): number {
    return this.pendingRows + this.inFlightRows;
  }

  isBehind(): boolean {
    return this.queuedRows >= this.options.maxQueuedRows;
  }

  write(rows: Row[]): Promise<WriteOutcome> {
    if (rows.length === 0) return Promise.resolve(STORED);
    return new Promise<WriteOutcome>((resolve, reject) => {
      if (this.pending.length === 0) this.oldestPendingAt = performance.now();
      this.pending.push({ rows, resolve, reject });
      this.pendingRows += rows.length;
      this.noteBackpressure();
      if (this.pendingRows >= this.options.flushRows) this.flushSoon(0);
      else this.flushSoon(this.options.flushIntervalMs);
    });
  }

  /** Flushes everything now and resolves when nothing is waiting or in flight. */
  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.inFlight > 0) {
      this.startInserts(true);
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  private flushSoon(delayMs: number): void {
    if (delayMs === 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      this.startInserts(false);
      return;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.startInserts(true);
      }, delayMs);
    }
  }

  private startInserts(includePartial: boolean): void {
    const maxConcurrent = this.options.maxConcurrentInserts ?? 2;
    const draining = this.idleWaiters.length > 0;
    while (this.pending.length > 0 && this.inFlight < maxConcurrent) {
      if (this.pendingRows < this.options.flushRows) {
        // A partial group waits for the insert running (group commit, above), unless a drain wants it all now.
        if (!includePartial || (this.inFlight > 0 && !draining)) break;
      }
      const group = this.takeGroup();
      void this.runGroup(group);
    }
    // While an insert runs, its end looks at what waits (runGroup); at rest the timer does.
    if (this.pending.length > 0 && this.inFlight === 0 && !this.timer) this.flushSoon(this.waitLeftMs());
  }

  /** How long until the oldest waiting write has waited the interval (at least 1 ms: a timer, not a loop). */
  private waitLeftMs(): number {
    return Math.max(1, this.options.flushIntervalMs - (performance.now() - this.oldestPendingAt));
  }

  private takeGroup(): PendingWrite<Row>[] {
    const group: PendingWrite<Row>[] = [];
    let rows = 0;
    while (
      this.pending.length > 0 &&
      (group.length === 0 || rows + this.pending[0]!.rows.length <= this.options.flushRows)
    ) {
      const next = this.pending.shift()!;
      group.push(next);
      rows += next.rows.length;
    }
    this.pendingRows -= rows;
    this.inFlightRows += rows;
    // What stays waiting arrived after the writes taken; its age is counted from now, a little early.
    if (this.pending.length > 0) this.oldestPendingAt = performance.now();
    return group;
  }

  private async runGroup(group: PendingWrite<Row>[]): Promise<void> {
    this.inFlight += 1;
    try {
      await this.insertGroup(group);
    } finally {
      this.inFlight -= 1;
      if (this.pending.length > 0) {
        const due = this.waitLeftMs() <= 1 || this.pendingRows >= this.options.flushRows;
        this.startInserts(due || this.idleWaiters.length > 0);
      }
      if (this.pending.length === 0 && this.inFlight === 0) this.idleWaiters.splice(0).forEach((wake) => wake());
    }
  }

  /** Inserts a group, settling every write in it; on a permanent error, separates what the engine refuses. */
  private async insertGroup(group: PendingWrite<Row>[]): Promise<void> {
    const rows = group.length === 1 ? group[0]!.rows : group.flatMap((write) => write.rows);
    const error = await this.insertWithRetries(rows);
    if (!error) {
      this.settle(group, (write) => write.resolve(STORED));
      return;
    }
    if (error.retryable) {
      this.settle(group, (write) => write.reject(error));
      return;
    }
    const failures = new Map<PendingWrite<Row>, number[]>();
    let stored: boolean;
    try {
      stored = await this.separate(group, failures);
    } catch (retryable) {
      // Some of it may be stored already: the senders re-send, and first write wins drops the copies.
      this.settle(group, (write) => write.reject(retryable));
      return;
    }
    const { table } = this.options;
    this.settle(group, (write) => {
      const refused = failures.get(write);
      if (!refused) return write.resolve(STORED);
      const partial = refused.length > 0 && refused.length < write.rows.length;
      const rowsAtFault = partial || stored;
      if (this.options.isolateRows && rowsAtFault) {
        const refusedRows = partial ? refused : write.rows.map((_, index) => index);
        write.resolve({ refusedRows, refusal: new WriteFailedError(table, false, error.cause, true) });
      } else {
        write.reject(new WriteFailedError(table, false, error.cause, rowsAtFault));
      }
    });
  }

  /**
   * Finds the writes of a refused group that the engine refuses (and, with isolateRows, their rows):
   * inserts halves until each refused write stands alone. Resolves whether anything was stored.
   */
  private async separate(group: PendingWrite<Row>[], failures: Map<PendingWrite<Row>, number[]>): Promise<boolean> {
    if (group.length === 1) {
      const write = group[0]!;
      const refused: number[] = [];
      if (this.options.isolateRows && write.rows.length > 1) {
        const budget = { inserts: ISOLATION_INSERTS };
        const isolated = await this.isolateRefusedRows(write.rows, 0, refused, budget);
        if (!isolated) refused.splice(0, refused.length, ...write.rows.map((_, index) => index));
      } else {
        refused.push(...write.rows.map((_, index) => index));
      }
      failures.set(write, refused);
      return refused.length < write.rows.length;
    }
    const middle = Math.ceil(group.length / 2);
    let stored = false;
    for (const half of [group.slice(0, middle), group.slice(middle)]) {
      const error = await this.insertWithRetries(half.flatMap((write) => write.rows));
      if (!error) stored = true;
      else if (error.retryable) throw error;
      else if (await this.separate(half, failures)) stored = true;
    }
    return stored;
  }

  /**
   * Inserts `rows` in halves until every row the engine refuses for good stands alone; collects their
   * indexes. False when that took more inserts than the budget: not a few bad rows, the whole write is refused.
   */
  private async isolateRefusedRows(
    rows: Row[],
    offset: number,
    refused: number[],
    budget: { inserts: number },
  ): Promise<boolean> {
    if (rows.length === 1) {
      refused.push(offset);
      return true;
    }
    const middle = Math.ceil(rows.length / 2);
    for (const [part, start] of [
      [rows.slice(0, middle), offset],
      [rows.slice(middle), offset + middle],
    ] as const) {
      if ((budget.inserts -= 1) < 0) return false;
      const error = await this.insertWithRetries(part);
      if (!error) continue;
      if (error.retryable) throw error;
      if (!(await this.isolateRefusedRows(part, start, refused, budget))) return false;
    }
    return true;
  }

  /** Counts the rows out before the writers' callers run, so they see the queue as it now is. */
  private settle(group: PendingWrite<Row>[], outcome: (write: PendingWrite<Row>) => void): void {
    this.inFlightRows -= group.reduce((sum, write) => sum + write.rows.length, 0);
    this.noteBackpressure();
    group.forEach(outcome);
  }

  private async insertWithRetries(rows: Row[]): Promise<WriteFailedError | undefined> {
    const { table, retries, isRetryable, observeInsert } = this.options;
    const baseDelay = this.options.retryBaseDelayMs ?? 100;
    for (let attempt = 0; ; attempt += 1) {
      const started = performance.now();
      try {
        await this.options.insert(table, rows);
        observeInsert?.(table, rows.length, (performance.now() - started) / 1000, 'ok');
        return undefined;
      } catch (error) {
        const retryable = isRetryable(error);
        const willRetry = retryable && attempt < retries;
        observeInsert?.(table, rows.length, (performance.now() - started) / 1000, willRetry ? 'retry' : 'failed');
        if (!willRetry) return new WriteFailedError(table, retryable, error);
        const delay = Math.min(5000, baseDelay * 2 ** attempt) * (0.5 + Math.random() / 2);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private noteBackpressure(): void {
    const behind = this.isBehind();
    if (behind && !this.wasBehind) {
      this.wasBehind = true;
      this.emit('behind');
    } else if (!behind && this.wasBehind && this.queuedRows <= this.options.maxQueuedRows / 2) {
      this.wasBehind = false;
      this.emit('caught-up');
    }
  }
}
