import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { sqlQuery } from '../sql/query-files.js';
import type { Database } from './clickhouse.js';
import { toClusterStatements } from './cluster-ddl.js';

/**
 * Leases: what keeps two gateways from running one job (or sending one mail, or migrating) at once.
 *
 * - Embedded (chDB): one process per data directory, so the lease is in-process (always granted; the
 *   scheduler and the outbox already keep one process from overlapping itself).
 * - Server and cluster: a lease is a log of terms in the `leases` table, taken by compare-and-swap on
 *   insert deduplication, as accounts are (sql/versioned-state.ts). Term n+1 is written with the token
 *   "leases:<name>:<n+1>"; of two gateways racing for it the engine keeps one block, and each reads back
 *   which write holds the term. On a cluster the token is checked in Keeper (Replicated engine) and the
 *   read asks for sequential consistency, so this is linearizable per shard, and one lease lives on one
 *   shard (sharding key cityHash64(name)).
 *
 * A term carries its holder, an expiry on the engine's clock (renewed while held, so a crashed holder's
 * lease lapses after the TTL) and a slot: the scheduled time a job run was for. A lease is never taken
 * for a slot at or before the one already recorded, so a fast job that released its lease is not run a
 * second time for the same cron tick by a gateway whose tick came a little later.
 */
export type LeaseOutcome = { held: true; lease: HeldLease } | { held: false; reason: string };

export interface HeldLease {
  /** True once a renewal found another holder (the TTL passed while this process was stalled). */
  readonly lost: boolean;
  release(): Promise<void>;
}

export interface Leases {
  /** Takes the lease `name` if it is free, and (given a slot) not yet taken for that slot or a later one. */
  acquire(name: string, slot?: Date): Promise<LeaseOutcome>;
}

/** Embedded mode: one process owns the database, so every lease is granted. */
export class InProcessLeases implements Leases {
  acquire(): Promise<LeaseOutcome> {
    return Promise.resolve({ held: true, lease: { lost: false, release: () => Promise.resolve() } });
  }
}

/** The leases table (not a migration: the migration lock is a lease, so it exists before them). */
export const CREATE_LEASES = `
CREATE TABLE IF NOT EXISTS leases (
  name String,
  term UInt64,
  holder String,
  slot DateTime64(3, 'UTC'),
  expires_at DateTime64(3, 'UTC'),
  write_id UUID,
  written_at DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = MergeTree
ORDER BY (name, term)
SETTINGS non_replicated_deduplication_window = 10000, replicated_deduplication_window = 10000
-- cluster-sharding-key: cityHash64(name)`;

/** Creates the leases table (before migrations: the migration lock is a lease). */
export async function ensureLeaseTable(database: Database): Promise<void> {
  const statements = database.cluster
    ? toClusterStatements(CREATE_LEASES, database.cluster, database.databaseName)
    : [CREATE_LEASES];
  for (const statement of statements) await database.client.command({ query: statement });
}

interface CurrentTerm {
  latest_term: string | number;
  holder: string;
  slot_ms: string | number;
  live: number | boolean;
  engine_now_ms: string | number;
}

export interface ClickHouseLeaseOptions {
  /** Who holds the lease, for operators reading the table; unique per process by default. */
  holder?: string;
  /** How long a term lasts without renewal (renewed every third of it while held). */
  ttlMs?: number;
  logger?: Logger;
}

export class ClickHouseLeases implements Leases {
  readonly holder: string;
  private readonly ttlMs: number;
  private readonly logger: Logger | undefined;

  constructor(
    private readonly client: ClickHouseClient,
    options: ClickHouseLeaseOptions = {},
  ) {
    this.holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.logger = options.logger;
  }

  async acquire(name: string, slot?: Date): Promise<LeaseOutcome> {
    const current = await this.currentTerm(name);
    if (Number(current.live) === 1 || current.live === true)
      return { held: false, reason: `held by ${current.holder}` };
    const recordedSlot = Number(current.slot_ms);
    if (slot && recordedSlot >= slot.getTime())
      return { held: false, reason: `already run for ${new Date(recordedSlot).toISOString()}` };
    const term = Number(current.latest_term) + 1;
    const slotMs = Math.max(recordedSlot, slot?.getTime() ?? 0);
    if (!(await this.writeTerm(name, term, slotMs, Number(current.engine_now_ms) + this.ttlMs))) {
      return { held: false, reason: 'taken by another gateway at the same moment' };
    }
    return { held: true, lease: this.held(name, term, slotMs) };
  }

  /** Waits for the lease (polling until `timeoutMs`): for work every gateway must see done, like migrations. */
  async acquireWaiting(name: string, timeoutMs: number, pollMs = 500): Promise<HeldLease> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const outcome = await this.acquire(name);
      if (outcome.held) return outcome.lease;
      if (Date.now() > deadline)
        throw new Error(`Lease ${name} not obtained within ${timeoutMs} ms (${outcome.reason})`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  private held(name: string, firstTerm: number, slotMs: number): HeldLease {
    let term = firstTerm;
    let lost = false;
    let chain: Promise<void> = Promise.resolve();
    const renew = async (): Promise<void> => {
      const now = Number((await this.currentTerm(name)).engine_now_ms);
      if (await this.writeTerm(name, term + 1, slotMs, now + this.ttlMs)) term += 1;
      else {
        lost = true;
        this.logger?.warn({ lease: name, holder: this.holder }, 'lease lost: another gateway took it after it lapsed');
      }
    };
    const timer = setInterval(
      () => {
        chain = chain
          .then(renew)
          .catch((error: unknown) => this.logger?.warn({ err: error, lease: name }, 'lease renewal failed'));
      },
      Math.max(10, Math.floor(this.ttlMs / 3)),
    );
    timer.unref();
    return {
      get lost() {
        return lost;
      },
      release: async () => {
        clearInterval(timer);
        await chain;
        // Expired at once, slot kept: a lost lease's release is a write to a taken term, dropped by the engine.
        if (!lost) await this.writeTerm(name, term + 1, slotMs, 0);
      },
    };
  }

  private async currentTerm(name: string): Promise<CurrentTerm> {
    const result = await this.client.query({
      query: sqlQuery('leases/current-term'),
      query_params: { name },
      format: 'JSONEachRow',
      clickhouse_settings: { select_sequential_consistency: '1', log_comment: `lease:${name}` },
    });
    const [row] = await result.json<CurrentTerm>();
    return row!;
  }

  /** Compare-and-swap of one term; true when this write holds it. */
  private async writeTerm(name: string, term: number, slotMs: number, expiresAtMs: number): Promise<boolean> {
    const writeId = randomUUID();
    await this.client.insert({
      table: 'leases',
      values: [
        {
          name,
          term,
          holder: this.holder,
          slot: toClickHouseTime(slotMs),
          expires_at: toClickHouseTime(expiresAtMs),
          write_id: writeId,
        },
      ],
      format: 'JSONEachRow',
      clickhouse_settings: {
        insert_deduplicate: 1,
        insert_deduplication_token: `leases:${name}:${term}`,
        insert_quorum: 'auto',
        insert_quorum_parallel: 0,
        log_comment: `lease:${name}`,
      },
    });
    const result = await this.client.query({
      query: sqlQuery('leases/term-winner'),
      query_params: { name, term },
      format: 'JSONEachRow',
      clickhouse_settings: { select_sequential_consistency: '1', log_comment: `lease:${name}:winner` },
    });
    const [winner] = await result.json<{ write_id: string }>();
    return winner?.write_id === writeId;
  }
}

/** The leases of this process: in-process on the embedded engine, in ClickHouse on a server or cluster. */
export function leasesFor(database: Database, logger?: Logger): Leases {
  return database.mode === 'server'
    ? new ClickHouseLeases(database.client, { ...(logger ? { logger } : {}) })
    : new InProcessLeases();
}
