import type { ClickHouseClient } from '@clickhouse/client';
import type { ParticipantSnapshot } from './participant-snapshot.js';
import { parseCheckedTexts, togetherLimits, togetherRun } from './policies-together.js';
import { policyRunError, PolicyQueryError, resolvedProblem } from './policy-runner.js';
import type { PolicyProblem } from './policy-validation.js';

/**
 * Several policies for one participant, their outcome turned into rows by the engine and inserted there,
 * never read into the process (issue 23: 500,000 verdicts through JS cost ~7 s at 1e7 events). The policies run
 * as one `UNION ALL` (policies-together.ts) that becomes the CTE `policy_outcomes`; the caller's `outcome`
 * SELECT (over `policy_outcomes` and the scoped tables, e.g. every active device × policy) makes the rows, and
 * `INSERT INTO <into> (<columns>) <that SELECT>` writes them. The resolved-tree check runs on that exact SELECT,
 * wrapper included, before the insert.
 *
 * Errors stay per policy: a text refused by the parse-tree check stays out; when the whole fails, each text is
 * inserted alone (its own checked SELECT), so that the error lands on the text that has it and the others'
 * rows still land. A policy's error happens while the engine builds the outcome, before the first row leaves
 * the SELECT: the outcome is the right side of the caller's join, which is built whole first.
 */
export interface OutcomeInsert {
  /** The table the rows go to (a run's staging table: an identifier parameter, never pasted). */
  into: string;
  /** The fixed column list of `into`, in the order the SELECT answers them. */
  columns: string;
  /** The SELECT over `policy_outcomes` for the texts at these positions of the whole, and its parameters. */
  outcome: (positions: ReadonlyMap<string, number>) => { select: string; params: Record<string, unknown> };
}

/** What became of one text: its rows inserted, or its error (and none of its rows). */
export type PolicyOutcome = { inserted: true } | { error: PolicyQueryError };

export async function insertPoliciesTogether(
  client: ClickHouseClient,
  participantId: string,
  queries: readonly string[],
  now: Date,
  target: OutcomeInsert,
  options: { snapshot?: ParticipantSnapshot; parsed?: Map<string, PolicyProblem | null> } = {},
): Promise<Map<string, PolicyOutcome>> {
  const outcomes = new Map<string, PolicyOutcome>();
  const runnable = await parseCheckedTexts(client, queries, options.parsed, outcomes);
  if (runnable.length === 0) return outcomes;
  try {
    await insertWhole(client, participantId, runnable, now, target, options.snapshot);
    for (const query of runnable) outcomes.set(query, { inserted: true });
  } catch {
    // One text's failure fails the whole: each alone, so the error lands on the text that has it.
    for (const query of runnable) {
      try {
        await insertWhole(client, participantId, [query], now, target, options.snapshot);
        outcomes.set(query, { inserted: true });
      } catch (error) {
        outcomes.set(query, { error: policyRunError(error) });
      }
    }
  }
  return outcomes;
}

async function insertWhole(
  client: ClickHouseClient,
  participantId: string,
  queries: readonly string[],
  now: Date,
  target: OutcomeInsert,
  snapshot: ParticipantSnapshot | undefined,
): Promise<void> {
  const positions = new Map(queries.map((query, index) => [query, index]));
  const run = togetherRun(participantId, queries, now, snapshot, target.outcome(positions));
  const outside = await resolvedProblem(client, run);
  if (outside) throw new PolicyQueryError(outside);
  // sql-paste-ok: the fixed column list of the caller and the SELECT whose resolved tree was just checked; the table is an Identifier parameter
  const insert = `INSERT INTO {into:Identifier} (${target.columns})\n${run.text}`;
  await client.command({
    query: insert,
    query_params: { ...run.params, into: target.into },
    clickhouse_settings: { ...togetherLimits(queries.length), log_comment: 'scoped-query:insert-policies-together' },
  });
}
