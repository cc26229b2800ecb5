import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import type { ParticipantSnapshot } from './participant-snapshot.js';
import { snapshotSources } from './participant-snapshot.js';
import { policyScopePrelude } from './policy-scope.js';
import {
  freshScopePrefix,
  parsedProblem,
  PolicyQueryError,
  POLICY_RUN_LIMITS,
  type ScopedPolicyRun,
  VERDICT_COLUMNS,
} from './policy-runner.js';
import type { PolicyProblem } from './policy-validation.js';

/**
 * Several policies for one participant as one query: each distinct text once (the bench's 35 copies of the
 * built-ins are 15 texts), all of them as branches of one `UNION ALL` inside one prelude, so the engine plans
 * one query, runs the branches side by side, and the resolved-tree check runs once on the exact whole. The
 * whole is inserted by the engine (policies-into.ts); this module makes its text, its limits, and the
 * parse-tree check of its texts.
 *
 * `parsed` remembers the parse-tree check of each text across participants of one evaluation run (it depends
 * on the text only); the resolved-tree check is never remembered: it is of the exact query about to run.
 */

/**
 * Each distinct text through the parse-tree check (remembered in `parsed` over a run): a refused text gets its
 * error in `outcomes`; the others are returned, in order, to run together.
 */
export async function parseCheckedTexts(
  client: ClickHouseClient,
  queries: readonly string[],
  parsed: Map<string, PolicyProblem | null> = new Map(),
  outcomes: Map<string, { error: PolicyQueryError } | object>,
): Promise<string[]> {
  const runnable: string[] = [];
  for (const query of new Set(queries)) {
    if (!parsed.has(query)) parsed.set(query, (await parsedProblem(client, query)) ?? null);
    const problem = parsed.get(query);
    if (problem) outcomes.set(query, { error: new PolicyQueryError(problem) });
    else runnable.push(query);
  }
  return runnable;
}

/** Time for the whole: the sum of what each text may take alone, up to a minute. */
const MAX_SECONDS_TOGETHER = 60;

/** The limits of a whole of `texts` texts: each text's own, summed, the time up to MAX_SECONDS_TOGETHER. */
export function togetherLimits(texts: number) {
  return {
    ...POLICY_RUN_LIMITS,
    max_execution_time: Math.min(MAX_SECONDS_TOGETHER, POLICY_RUN_LIMITS.max_execution_time * texts),
    max_result_rows: String(Number(POLICY_RUN_LIMITS.max_result_rows) * texts),
  };
}

/**
 * The whole as one SELECT: the texts as branches tagged `policy_index` (their position in `queries`) inside
 * the run's prelude. With `outcome`, the branches become the CTE `policy_outcomes` (columns policy_index,
 * device_id, passed, detail, detail_en) and `outcome` is the SELECT that reads it (policies-into.ts): it is part
 * of the text the resolved-tree check sees, so whatever it reads is checked like the policies.
 */
export function togetherRun(
  participantId: string,
  queries: readonly string[],
  now: Date,
  snapshot: ParticipantSnapshot | undefined,
  outcome?: { select: string; params: Record<string, unknown> },
): ScopedPolicyRun {
  const scopePrefix = freshScopePrefix();
  const branches = queries.map(
    (query, index) =>
      // sql-paste-ok: each text passed the parse-tree check and the whole is checked on its resolved tree before it runs; the index is a number
      `SELECT ${index} AS policy_index, ${VERDICT_COLUMNS} FROM (\n${query.trim().replace(/;\s*$/, '')}\n)`,
  );
  const prelude = policyScopePrelude(scopePrefix, snapshotSources(snapshot));
  // sql-paste-ok: the checked branches above
  const union = `SELECT policy_index, device_id, passed, detail, detail_en FROM (\n${branches.join('\nUNION ALL\n')}\n)`;
  const params = { participant: participantId, now: toClickHouseTime(now.getTime()) };
  if (!outcome) return { text: `${prelude}\n${union}`, params, scopePrefix };
  return {
    // sql-paste-ok: the prelude, the checked union, and the caller's fixed SELECT (checked with the whole)
    text: `${prelude},\npolicy_outcomes AS (\n${union}\n)\n${outcome.select}`,
    params: { ...outcome.params, ...params },
    scopePrefix,
  };
}
