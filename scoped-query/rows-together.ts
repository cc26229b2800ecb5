import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { ARRIVAL_PARAMS, arrivalSources, snapshotSources, type ParticipantSnapshot } from './participant-snapshot.js';
import { policyScopePrelude } from './policy-scope.js';
import {
  freshScopePrefix,
  parsedProblem,
  PolicyQueryError,
  POLICY_RUN_LIMITS,
  resolvedProblem,
  runScopedRows,
} from './policy-runner.js';
import type { PolicyProblem } from './policy-validation.js';

/**
 * Several checked SELECTs for one participant in one query (the compiled detection rules of a run): each the
 * branch of one `UNION ALL` inside one prelude, tagged with its index, so the engine plans and reads once and
 * the resolved-tree check runs once, on the exact whole, instead of three round trips per query (issue 23: the
 * rule pack's 14 rules made 42 per participant). The branches' rows must have the same columns (the caller's
 * fixed `columns` over each).
 *
 * The parse-tree check is of each branch's text and is remembered in `parsed` (the caller's, over a run's
 * participants: it depends on the text only); a branch it refuses gets its error and stays out. When the whole
 * fails (one branch's error fails the query), each branch runs alone (runScopedRows) so that the error lands on
 * the branch that has it. Each branch's parameter names must be its own: they share one query.
 */
export interface ScopedBranch {
  query: string;
  params: Record<string, string | number>;
}

export type BranchOutcome<Row> = { rows: Row[] } | { error: Error };

/** Time for the whole: what each branch may take alone, summed, up to a minute (as policies-together.ts). */
const MAX_SECONDS_TOGETHER = 60;
const BRANCH_INDEX = 'scoped_branch_index';

export interface RowsTogetherOptions {
  /** The fixed select list over each branch's rows. */
  columns: string;
  logComment: string;
  snapshot?: ParticipantSnapshot;
  /** Only the events that arrived (received_at) after `since`, up to and including `until` (ClickHouse times). */
  arrival?: { since: string; until: string };
  /** The parse-tree check of each text, remembered over a run (null: no problem). */
  parsed?: Map<string, PolicyProblem | null>;
}

export async function runScopedRowsTogether<Row>(
  client: ClickHouseClient,
  participantId: string,
  branches: readonly ScopedBranch[],
  now: Date,
  options: RowsTogetherOptions,
): Promise<BranchOutcome<Row>[]> {
  const outcomes: BranchOutcome<Row>[] = new Array(branches.length);
  const parsed = options.parsed ?? new Map<string, PolicyProblem | null>();
  const reserved = new Set<string>(['participant', 'now', ...ARRIVAL_PARAMS]);
  const owner = new Map<string, number>();
  const runnable: number[] = [];
  for (const [index, branch] of branches.entries()) {
    const clash = Object.keys(branch.params).find((name) => reserved.has(name) || owner.has(name));
    if (clash !== undefined) {
      outcomes[index] = { error: new Error(`parameter ${clash} is bound by the runner or by another branch`) };
      continue;
    }
    for (const name of Object.keys(branch.params)) owner.set(name, index);
    if (!parsed.has(branch.query))
      parsed.set(branch.query, (await parsedProblem(client, branch.query, branch.params)) ?? null);
    const problem = parsed.get(branch.query);
    if (problem) outcomes[index] = { error: new PolicyQueryError(problem) };
    else runnable.push(index);
  }
  if (runnable.length === 0) return outcomes;
  try {
    const rows = await runTogether<Row>(client, participantId, runnable, branches, now, options);
    runnable.forEach((index, position) => (outcomes[index] = { rows: rows[position]! }));
  } catch {
    // One branch's failure fails the whole: run each alone to find which.
    for (const index of runnable) {
      const branch = branches[index]!;
      try {
        outcomes[index] = {
          rows: await runScopedRows<Row>(client, participantId, branch.query, now, {
            extraParams: branch.params,
            columns: options.columns,
            logComment: options.logComment,
            ...(options.snapshot ? { snapshot: options.snapshot } : {}),
            ...(options.arrival ? { arrival: options.arrival } : {}),
          }),
        };
      } catch (error) {
        outcomes[index] = { error: error as Error };
      }
    }
  }
  return outcomes;
}

async function runTogether<Row>(
  client: ClickHouseClient,
  participantId: string,
  runnable: readonly number[],
  branches: readonly ScopedBranch[],
  now: Date,
  options: RowsTogetherOptions,
): Promise<Row[][]> {
  const scopePrefix = freshScopePrefix();
  const sources = snapshotSources(options.snapshot);
  const prelude = policyScopePrelude(scopePrefix, options.arrival ? arrivalSources(sources) : sources);
  const parts = runnable.map(
    (index, position) =>
      // sql-paste-ok: each branch passed the parse-tree check and the whole is checked on its resolved tree before it runs; columns is the caller's fixed select list; the position is a number
      `SELECT ${position} AS ${BRANCH_INDEX}, ${options.columns} FROM (\n${branches[index]!.query.trim()}\n)`,
  );
  // sql-paste-ok: the prelude of policy-scope.ts and the checked branches above
  const text = `${prelude}\nSELECT * FROM (\n${parts.join('\nUNION ALL\n')}\n)`;
  const arrival: Record<string, string> = options.arrival
    ? { received_since: options.arrival.since, received_until: options.arrival.until }
    : {};
  const params = Object.assign({}, ...runnable.map((index) => branches[index]!.params), arrival, {
    participant: participantId,
    now: toClickHouseTime(now.getTime()),
  }) as Record<string, string | number>;
  const outside = await resolvedProblem(client, { text, params, scopePrefix });
  if (outside) throw new PolicyQueryError(outside);
  const result = await client.query({
    query: text,
    query_params: params,
    format: 'JSONEachRow',
    clickhouse_settings: {
      ...POLICY_RUN_LIMITS,
      max_execution_time: Math.min(MAX_SECONDS_TOGETHER, POLICY_RUN_LIMITS.max_execution_time * runnable.length),
      max_result_rows: String(1_000_000 * runnable.length),
      log_comment: options.logComment,
    },
  });
  const rows: Row[][] = runnable.map(() => []);
  for (const row of await result.json<Record<string, unknown>>()) {
    const { [BRANCH_INDEX]: position, ...rest } = row;
    rows[Number(position)]!.push(rest as Row);
  }
  return rows;
}
