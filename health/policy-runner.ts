import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { policyScopePrelude } from './policy-scope.js';
import { astProblem, staticProblem, type PolicyProblem } from './policy-validation.js';

/**
 * Runs a policy's query for one participant: inside the participant-scoped tables, read-only by
 * validation, within time, memory and result limits. A policy answers one row per device:
 * `device_id`, `passed` (true/1 = pass) and `detail` (why, in words for the participant).
 */
export interface PolicyVerdict {
  device_id: string;
  passed: boolean;
  detail: string;
}

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

/** The whole check before a policy is saved: its form, then what the engine parses it to. */
export async function validatePolicyQuery(client: ClickHouseClient, query: string): Promise<PolicyProblem | undefined> {
  const early = staticProblem(query);
  if (early) return early;
  try {
    // sql-paste-ok: EXPLAIN AST only parses the operator's policy text (it runs nothing); that text is what is being checked
    const result = await client.query({ query: `EXPLAIN AST ${query.trim().replace(/;\s*$/, '')}`, format: 'TabSeparatedRaw', query_params: PARSE_ONLY_PARAMS, clickhouse_settings: { log_comment: 'health:validate-policy' } });
    return astProblem((await result.text()).split('\n').filter((line) => line.trim() !== ''));
  } catch (error) {
    return { code: 'not_a_select', message: { ja: `構文エラー: ${(error as Error).message}`, en: `Syntax error: ${(error as Error).message}` } };
  }
}

export async function runPolicy(client: ClickHouseClient, participantId: string, query: string, now: Date): Promise<PolicyVerdict[]> {
  const problem = await validatePolicyQuery(client, query);
  if (problem) throw new PolicyQueryError(problem);
  // sql-paste-ok: the policy text was validated above (one SELECT over the scoped tables only); values are parameters
  const text = `${policyScopePrelude()}\nSELECT toString(device_id) AS device_id, toUInt8(passed) AS passed, toString(detail) AS detail FROM (\n${query.trim().replace(/;\s*$/, '')}\n)`;
  try {
    const result = await client.query({
      query: text,
      query_params: { participant: participantId, now: toClickHouseTime(now.getTime()) },
      format: 'JSONEachRow',
      clickhouse_settings: { ...POLICY_RUN_LIMITS, log_comment: 'health:run-policy' },
    });
    const rows = await result.json<{ device_id: string; passed: number | string; detail: string }>();
    return rows.map((row) => ({ device_id: row.device_id, passed: Number(row.passed) === 1, detail: row.detail }));
  } catch (error) {
    throw new PolicyQueryError({ code: 'engine_error', message: { ja: `実行できませんでした: ${(error as Error).message}`, en: `The policy failed to run: ${(error as Error).message}` } });
  }
}
