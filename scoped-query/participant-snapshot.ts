import { randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';
import { POLICY_TABLE_NAMES, POLICY_TABLES, type PolicyTable } from './policy-scope.js';

/**
 * One participant's scoped tables computed once for an evaluation run, so that every policy and rule of the
 * run reads the same rows and none recomputes `events FINAL` or `health_results FINAL` + `argMax` (issue 23,
 * step 4: each policy did so for each participant). Each table is an engine `Memory` table named with a
 * prefix fresh for the run (`snapshot_<hex>_p_events`), filled by the scoped table's own definition
 * (POLICY_TABLES, with `{participant}` and `{now}` bound), and dropped when the run ends.
 *
 * Isolation is unchanged: a run's prelude wraps each snapshot table in the run's scope CTE exactly where the
 * live definition stood (`policyScopePrelude`), so the resolved-tree check still sees every table read inside
 * a scope CTE, and the parse-tree check still allows no table but the `p_…` names. A snapshot table holds
 * one participant's rows because the scoped definition that filled it filters by participant.
 *
 * Only the tables the run's queries name are taken, and of `p_events` (the large one: every category, 30 days)
 * only the columns some query names as a word: a query that names neither reads nothing from it. A table not
 * taken is still readable (the prelude falls back to its live definition); a column not taken fails the query
 * loudly (unknown identifier), never silently. Tables a crashed or failed run left behind are removed by
 * snapshot-sweep.ts (at start, at each scheduled run, and after a failed one).
 */
export class ParticipantSnapshot {
  private dropped = false;

  private constructor(
    private readonly client: ClickHouseClient,
    readonly participantId: string,
    readonly now: Date,
    /** The snapshot table of each scoped table taken (or borrowed from a span, `eventsSpan`). */
    readonly tables: ReadonlyMap<PolicyTable, string>,
    /** Milliseconds each table took to fill (the bench's costs). */
    readonly costs: ReadonlyMap<PolicyTable, number>,
    /** Tables holding a span of instants: each run reads them through its own time window (`snapshotSources`). */
    readonly windowed: ReadonlySet<PolicyTable> = new Set(),
    /** Tables this snapshot reads but does not own (a span's): `drop` leaves them. */
    private readonly borrowed: ReadonlySet<PolicyTable> = new Set(),
  ) {}

  static async take(
    client: ClickHouseClient,
    participantId: string,
    now: Date,
    queries: readonly string[],
    /** A span of p_events covering `now` (takeEventsSpan): read through `now`'s window instead of taken again. */
    options: { eventsSpan?: ParticipantSnapshot } = {},
  ): Promise<ParticipantSnapshot> {
    const prefix = `snapshot_${randomBytes(8).toString('hex')}_`;
    const span = options.eventsSpan?.covering(now);
    const named = POLICY_TABLE_NAMES.filter(
      (table) => queries.some((query) => namesWord(query, table)) && !(span && table === 'p_events'),
    );
    const tables = new Map<PolicyTable, string>(span ? [['p_events', span]] : []);
    const borrowed = new Set<PolicyTable>(span ? ['p_events'] : []);
    const costs = new Map<PolicyTable, number>();
    const snapshot = new ParticipantSnapshot(client, participantId, now, tables, costs, borrowed, borrowed);
    const params = { participant: participantId, now: toClickHouseTime(now.getTime()) };
    try {
      for (const table of named) {
        const started = performance.now();
        const name = `${prefix}${table}`;
        const definition = table === 'p_events' ? await eventColumnsNamed(client, queries) : POLICY_TABLES[table].sql;
        await fillTable(client, name, definition, { ...params }, table);
        tables.set(table, name);
        costs.set(table, performance.now() - started);
      }
    } catch (error) {
      await snapshot.drop();
      throw error;
    }
    return snapshot;
  }

  /**
   * One p_events table for every instant in [from, to] (the health history's past evaluations, issue 23): the
   * scoped definition over the union of their 30-day windows, taken once instead of once per instant. Exact
   * because `time` is part of the events' sorting key: deduplication (FINAL) never merges rows of different
   * times, so the window of one instant cut from the span is the window the instant's own snapshot would hold.
   */
  static async takeEventsSpan(
    client: ClickHouseClient,
    participantId: string,
    from: Date,
    to: Date,
    queries: readonly string[],
  ): Promise<ParticipantSnapshot> {
    const tables = new Map<PolicyTable, string>();
    const costs = new Map<PolicyTable, number>();
    const snapshot = new ParticipantSnapshot(client, participantId, to, tables, costs, new Set(['p_events']));
    snapshot.spanFrom = from;
    if (!queries.some((query) => namesWord(query, 'p_events'))) return snapshot;
    const started = performance.now();
    const name = `snapshot_${randomBytes(8).toString('hex')}_p_events`;
    const live = await eventColumnsNamed(client, queries);
    const window = "time >= {now:DateTime64(3, 'UTC')} - INTERVAL 30 DAY";
    if (!live.includes(window)) throw new Error('p_events is expected to start its window 30 days before {now}');
    const definition = live.replace(window, "time >= {from:DateTime64(3, 'UTC')} - INTERVAL 30 DAY");
    const params = {
      participant: participantId,
      now: toClickHouseTime(to.getTime()),
      from: toClickHouseTime(from.getTime()),
    };
    await fillTable(client, name, definition, params, 'p_events');
    tables.set('p_events', name);
    costs.set('p_events', performance.now() - started);
    return snapshot;
  }

  private spanFrom?: Date;

  /** This span's p_events table when it covers `now`. */
  private covering(now: Date): string | undefined {
    const name = this.tables.get('p_events');
    if (!name || !this.spanFrom || this.dropped) return undefined;
    return now >= this.spanFrom && now <= this.now ? name : undefined;
  }

  /** Drops the run's tables; a second call does nothing, unless the first failed (then it tries again). */
  async drop(): Promise<void> {
    if (this.dropped) return;
    for (const [table, name] of this.tables) {
      if (this.borrowed.has(table)) continue;
      await this.client.command({
        query: 'DROP TABLE IF EXISTS {name:Identifier}',
        query_params: { name },
        clickhouse_settings: { log_comment: 'scoped-query:snapshot-drop' },
      });
    }
    this.dropped = true;
  }
}

async function fillTable(
  client: ClickHouseClient,
  name: string,
  definition: string,
  params: Record<string, string>,
  table: PolicyTable,
): Promise<void> {
  // sql-paste-ok: a scoped table's fixed definition (policy-scope.ts), or its column list of real column names; values are parameters; the name is an Identifier parameter
  const query = `CREATE TABLE {name:Identifier} ENGINE = Memory AS ${definition}`;
  await client.command({
    query,
    query_params: { ...params, name },
    clickhouse_settings: { log_comment: `scoped-query:snapshot:${table}` },
  });
}

/** Whether `text` names `word` as a whole identifier (not inside a longer name). */
function namesWord(text: string, word: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${word}($|[^A-Za-z0-9_])`).test(text);
}

/**
 * The p_events definition limited to the columns the queries name (device_id, time and seq always: the keys
 * every consumer uses; received_at always: incremental detection reads by arrival, `arrivalSources`). Column names come from the engine's own description of `events`, so only real
 * column names are ever placed into the text.
 */
async function eventColumnsNamed(client: ClickHouseClient, queries: readonly string[]): Promise<string> {
  const columns = (await selectRows<{ name: string }>(client, 'scoped-query/event-columns')).map((row) => row.name);
  const kept = columns.filter(
    (column) =>
      ['device_id', 'time', 'seq', 'received_at'].includes(column) || queries.some((query) => namesWord(query, column)),
  );
  const live = POLICY_TABLES.p_events.sql;
  if (!live.startsWith('SELECT * FROM ')) throw new Error('p_events is expected to select every column');
  // sql-paste-ok: column names from system.columns (backquoted), then the fixed definition's FROM and WHERE
  return `SELECT ${kept.map((column) => `\`${column}\``).join(', ')} ${live.slice('SELECT * '.length)}`;
}

/**
 * The SQL text of a run's scoped tables for `policyScopePrelude`: the snapshot table where one was taken,
 * the live definition otherwise.
 */
export function snapshotSources(snapshot: ParticipantSnapshot | undefined): Partial<Record<PolicyTable, string>> {
  if (!snapshot) return {};
  return Object.fromEntries(
    [...snapshot.tables].map(([table, name]) => [
      table,
      snapshot.windowed.has(table)
        ? // sql-paste-ok: a snapshot table's name (generated [a-z0-9_] prefix and a scoped table's name); the window is the {now} parameter, as in the live definition
          `SELECT * FROM ${name} WHERE time >= {now:DateTime64(3, 'UTC')} - INTERVAL 30 DAY AND time <= {now:DateTime64(3, 'UTC')}`
        : // sql-paste-ok: a snapshot table's name, made of a generated [a-z0-9_] prefix and a scoped table's name
          `SELECT * FROM ${name}`,
    ]),
  );
}

/** The scoped tables whose rows carry their arrival at the gateway (`received_at`). */
const ARRIVING_TABLES = ['p_events', 'p_windows_kept'] as const satisfies readonly PolicyTable[];

/** The parameters `arrivalSources` binds: the runner's own, never a query's. */
export const ARRIVAL_PARAMS = ['received_since', 'received_until'] as const;

/**
 * The run's sources with the tables of events limited to those that arrived in (`received_since`,
 * `received_until`]: incremental detection (detections/detection-watermarks.ts). The limit wraps the snapshot
 * table (or the live definition) inside the scope CTE, so the isolation checks see the same reads.
 */
export function arrivalSources(sources: Partial<Record<PolicyTable, string>>): Partial<Record<PolicyTable, string>> {
  const limited: Partial<Record<PolicyTable, string>> = { ...sources };
  for (const table of ARRIVING_TABLES)
    // sql-paste-ok: a snapshot table's select or the fixed definition (policy-scope.ts); the bounds are parameters
    limited[table] =
      `SELECT * FROM (${sources[table] ?? POLICY_TABLES[table].sql}) WHERE received_at > {received_since:DateTime64(3, 'UTC')} AND received_at <= {received_until:DateTime64(3, 'UTC')}`;
  return limited;
}
