import { randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { engineMessage } from './engine-message.js';
import { ARRIVAL_PARAMS, arrivalSources, snapshotSources, type ParticipantSnapshot } from './participant-snapshot.js';
import { policyScopePrelude } from './policy-scope.js';
import { resolvedTreeProblem } from './policy-resolution.js';
import { astProblem, staticProblem, type PolicyProblem } from './policy-validation.js';

/**
 * Runs a policy's query for one participant: inside the participant-scoped tables, read-only by
 * validation, within time, memory and result limits. A policy answers one row per device:
 * `device_id`, `passed` (true/1 = pass) and `detail` (why, in words for the participant, Japanese first), and
 * may answer `detail_en` (the same in English; '' when the policy has no such column).
 */
export interface PolicyVerdict {
  device_id: string;
  passed: boolean;
  detail: string;
  detail_en: string;
}

/**
 * The columns every run reads from a policy's answer. `detail_en` is optional for a policy: the `COLUMNS`
 * matcher expands to the policy's `detail_en` when it has one and to nothing when not, so the array's last
 * element is the English text or ''. This keeps one query shape (and the `UNION ALL` of policies-together.ts)
 * without asking the engine first which columns each policy answers.
 */
export const VERDICT_COLUMNS =
  "toString(device_id) AS device_id, toUInt8(passed) AS passed, toString(detail) AS detail, ifNull(arrayElement(['', COLUMNS('^detail_en$') APPLY toString], -1), '') AS detail_en";

export const POLICY_RUN_LIMITS = {
  max_execution_time: 10,
  max_memory_usage: String(2 * 1024 ** 3),
  max_result_rows: '100000',
  result_overflow_mode: 'throw',
} as const;

/** Values for the parameters a policy may use, so that parsing succeeds; nothing runs with them. */
const PARSE_ONLY_PARAMS = { participant: '00000000-0000-0000-0000-000000000000', now: '1970-01-01 00:00:00.000' };

export class PolicyQueryError extends Error {
  constructor(readonly problem: PolicyProblem | { code: 'engine_error'; message: { ja: string; en: string } }) {
    super(problem.message.en);
  }
}

/** A policy's run failed: the engine's reason (without its stack) in both languages, unless already a policy error. */
export function policyRunError(error: unknown): PolicyQueryError {
  if (error instanceof PolicyQueryError) return error;
  return new PolicyQueryError({
    code: 'engine_error',
    message: {
      ja: `実行できませんでした: ${engineMessage(error)}`,
      en: `The policy failed to run: ${engineMessage(error)}`,
    },
  });
}

/** The whole check before a policy is saved: its form, what the engine parses it to, and what it resolves to. */
export async function validatePolicyQuery(client: ClickHouseClient, query: string): Promise<PolicyProblem | undefined> {
  const problem = await parsedProblem(client, query);
  if (problem) return problem;
  try {
    return await resolvedProblem(client, scopedPolicyRun(query, PARSE_ONLY_PARAMS.participant, new Date(0)));
  } catch (error) {
    return {
      code: 'not_a_select',
      message: {
        ja: `解釈できません: ${engineMessage(error)}`,
        en: `The engine cannot resolve the query: ${engineMessage(error)}`,
      },
    };
  }
}

/** The first layer: the text and its parse tree (policy-validation.ts). */
export async function parsedProblem(
  client: ClickHouseClient,
  query: string,
  extraParams: Record<string, string | number> = {},
): Promise<PolicyProblem | undefined> {
  const early = staticProblem(query);
  if (early) return early;
  try {
    // sql-paste-ok: EXPLAIN AST only parses the operator's policy text (it runs nothing); that text is what is being checked
    const result = await client.query({
      query: `EXPLAIN AST ${query.trim().replace(/;\s*$/, '')}`,
      format: 'TabSeparatedRaw',
      query_params: { ...extraParams, ...PARSE_ONLY_PARAMS },
      clickhouse_settings: { log_comment: 'health:validate-policy' },
    });
    return astProblem((await result.text()).split('\n').filter((line) => line.trim() !== ''));
  } catch (error) {
    return {
      code: 'not_a_select',
      message: { ja: `構文エラー: ${engineMessage(error)}`, en: `Syntax error: ${engineMessage(error)}` },
    };
  }
}

export interface ScopedPolicyRun {
  text: string;
  params: Record<string, unknown>;
  scopePrefix: string;
}

/** The query that runs a policy for one participant, with a scope prefix fresh for this run. */
function scopedPolicyRun(
  query: string,
  participantId: string,
  now: Date,
  snapshot?: ParticipantSnapshot,
): ScopedPolicyRun {
  const scopePrefix = freshScopePrefix();
  // sql-paste-ok: the policy text is checked (policy-validation.ts, and its resolved tree before it runs); values are parameters
  const text = `${policyScopePrelude(scopePrefix, snapshotSources(snapshot))}\nSELECT ${VERDICT_COLUMNS} FROM (\n${query.trim().replace(/;\s*$/, '')}\n)`;
  return { text, params: { participant: participantId, now: toClickHouseTime(now.getTime()) }, scopePrefix };
}

export function freshScopePrefix(): string {
  return `scope_${randomBytes(8).toString('hex')}_`;
}

/** The second layer: what the engine resolved the exact query to (policy-resolution.ts). */
export async function resolvedProblem(
  client: ClickHouseClient,
  run: ScopedPolicyRun,
): Promise<PolicyProblem | undefined> {
  // sql-paste-ok: EXPLAIN QUERY TREE analyses the query about to run without running it
  const result = await client.query({
    query: `EXPLAIN QUERY TREE ${run.text}`,
    format: 'TabSeparated',
    query_params: run.params,
    clickhouse_settings: { log_comment: 'health:resolve-policy' },
  });
  return resolvedTreeProblem((await result.text()).split('\n'), run.scopePrefix);
}

export async function runPolicy(
  client: ClickHouseClient,
  participantId: string,
  query: string,
  now: Date,
  snapshot?: ParticipantSnapshot,
): Promise<PolicyVerdict[]> {
  const problem = await parsedProblem(client, query);
  if (problem) throw new PolicyQueryError(problem);
  return runScopedPolicy(client, participantId, query, now, snapshot);
}

/**
 * Runs a policy after the second layer only: the engine's resolution of the exact query must stay
 * inside the participant's scoped tables, whatever the first layer let through. Exported so a test
 * can show that this layer alone holds.
 */
export async function runScopedPolicy(
  client: ClickHouseClient,
  participantId: string,
  query: string,
  now: Date,
  snapshot?: ParticipantSnapshot,
): Promise<PolicyVerdict[]> {
  const run = scopedPolicyRun(query, participantId, now, snapshot);
  let outside: PolicyProblem | undefined;
  try {
    outside = await resolvedProblem(client, run);
  } catch (error) {
    throw policyRunError(error);
  }
  if (outside) throw new PolicyQueryError(outside);
  try {
    const result = await client.query({
      query: run.text,
      query_params: run.params,
      format: 'JSONEachRow',
      clickhouse_settings: { ...POLICY_RUN_LIMITS, log_comment: 'health:run-policy' },
    });
    const rows = await result.json<{ device_id: string; passed: number | string; detail: string; detail_en: string }>();
    return rows.map((row) => ({
      device_id: row.device_id,
      passed: Number(row.passed) === 1,
      detail: row.detail,
      detail_en: row.detail_en,
    }));
  } catch (error) {
    throw policyRunError(error);
  }
}

/**
 * Runs any checked SELECT over the scoped tables for one participant (the detection rules compiled from
 * Sigma use it): the same two layers as a policy (parse tree, then the resolved tree of the exact query),
 * the same limits, with the query's own parameters (`extraParams`, never named participant or now) bound.
 * `columns` is the fixed outer select list of the caller.
 */
export async function runScopedRows<Row>(
  client: ClickHouseClient,
  participantId: string,
  query: string,
  now: Date,
  options: {
    extraParams: Record<string, string | number>;
    columns: string;
    logComment: string;
    snapshot?: ParticipantSnapshot;
    /** Only the events that arrived (received_at) after `since`, up to and including `until` (ClickHouse times). */
    arrival?: { since: string; until: string };
  },
): Promise<Row[]> {
  const reserved = ['participant', 'now', ...ARRIVAL_PARAMS];
  if (reserved.some((name) => name in options.extraParams))
    throw new Error(`${reserved.join(', ')} are bound by the runner`);
  const problem = await parsedProblem(client, query, options.extraParams);
  if (problem) throw new PolicyQueryError(problem);
  const scopePrefix = freshScopePrefix();
  const sources = snapshotSources(options.snapshot);
  const prelude = policyScopePrelude(scopePrefix, options.arrival ? arrivalSources(sources) : sources);
  // sql-paste-ok: the query is checked by both layers; columns is the caller's fixed select list; values are parameters
  const text = `${prelude}\nSELECT ${options.columns} FROM (\n${query.trim()}\n)`;
  const arrival: Record<string, string> = options.arrival
    ? { received_since: options.arrival.since, received_until: options.arrival.until }
    : {};
  const run = {
    text,
    params: { ...options.extraParams, ...arrival, participant: participantId, now: toClickHouseTime(now.getTime()) },
    scopePrefix,
  };
  const outside = await resolvedProblem(client, run);
  if (outside) throw new PolicyQueryError(outside);
  const result = await client.query({
    query: run.text,
    query_params: run.params,
    format: 'JSONEachRow',
    clickhouse_settings: { ...POLICY_RUN_LIMITS, max_result_rows: '1000000', log_comment: options.logComment },
  });
  return result.json<Row>();
}
