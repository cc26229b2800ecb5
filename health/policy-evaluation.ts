import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import { BUILTIN_POLICIES } from './builtin-policies.js';
import { builtinPolicyId, type HealthStore, type PolicyRecord, VERDICT_COLUMNS } from './health-store.js';
import { ParticipantSnapshot } from '../scoped-query/participant-snapshot.js';
import { insertPoliciesTogether } from '../scoped-query/policies-into.js';
import { sqlQuery } from '../sql/query-files.js';
import type { PolicyProblem } from '../scoped-query/policy-validation.js';

/**
 * Evaluating the enabled policies for a participant: every active device gets a verdict per policy
 * (a device the policy said nothing about is "unknown"), stored as generated data with the policy
 * version and the time. A policy that fails to run is recorded in the evaluation's errors and the
 * others still run.
 *
 * Speed (issue 23): the policies read a snapshot of the participant's scoped tables taken once (the
 * caller's, shared with the detection rules, or one of its own), identical texts run once, all texts run
 * as one query whose outcome the engine itself turns into the verdict rows (every active device × policy,
 * sql/queries/health/verdicts-of-outcome.sql) and inserts (scoped-query/policies-into.ts): no verdict passes
 * through the process. They are staged in a `Memory` table of the evaluation and moved to policy_results in one
 * insert, so a failed evaluation writes none and the failures are counted without reading policy_results.
 */
export interface EvaluateOptions {
  /** The run's snapshot of the participant's scoped tables, taken for the same `now`. */
  snapshot?: ParticipantSnapshot;
  /** The parse-tree check of each text, remembered over one run's participants. */
  parsed?: Map<string, PolicyProblem | null>;
  /** Without `snapshot`: a span of p_events covering `now` that the evaluation's own snapshot reads (the history). */
  eventsSpan?: ParticipantSnapshot;
}

export class PolicyEvaluation {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly store: HealthStore,
    private readonly logger: Logger,
  ) {}

  /** Writes the built-in pack (a new version of a policy only when its text changed). */
  async installBuiltins(): Promise<number> {
    const current = new Map((await this.store.policies()).map((policy) => [policy.policy_id, policy]));
    let written = 0;
    for (const builtin of BUILTIN_POLICIES) {
      const id = builtinPolicyId(builtin.slug);
      const existing = current.get(id);
      const content = {
        slug: builtin.slug,
        builtin: true,
        enabled: existing?.enabled ?? true,
        severity: builtin.severity,
        title_ja: builtin.title.ja,
        title_en: builtin.title.en,
        description_ja: builtin.description.ja,
        description_en: builtin.description.en,
        remediation_ja: builtin.remediation.ja,
        remediation_en: builtin.remediation.en,
        query: builtin.query,
      };
      if (
        existing &&
        existing.query === content.query &&
        existing.title_ja === content.title_ja &&
        existing.severity === content.severity &&
        existing.remediation_ja === content.remediation_ja
      )
        continue;
      await this.store.writePolicy(id, (existing?.current_version ?? 0) + 1, content, 'builtin-pack');
      written += 1;
    }
    return written;
  }

  async evaluate(
    participantId: string,
    now: Date,
    trigger: string,
    only?: readonly PolicyRecord[],
    options: EvaluateOptions = {},
  ): Promise<{ evaluationId: string; policies: number; devices: number; failures: number; errors: string[] }> {
    const startedAt = new Date();
    const evaluationId = randomUUID();
    const policies = only ?? (await this.store.policies()).filter((policy) => policy.enabled);
    const devices = await this.store.activeDevices(participantId);
    const errors: string[] = [];
    const queries = policies.map((policy) => policy.query);
    const snapshot =
      options.snapshot ??
      (await ParticipantSnapshot.take(this.client, participantId, now, queries, {
        ...(options.eventsSpan ? { eventsSpan: options.eventsSpan } : {}),
      }));
    let staging: string | undefined;
    let outcomes;
    let written: { verdicts: number; failures: number };
    try {
      staging = await this.store.createVerdictStaging();
      outcomes = await insertPoliciesTogether(
        this.client,
        participantId,
        queries,
        now,
        {
          into: staging!,
          columns: VERDICT_COLUMNS,
          outcome: (positions) => verdictsOfOutcome(participantId, evaluationId, policies, positions),
        },
        { snapshot, ...(options.parsed ? { parsed: options.parsed } : {}) },
      );
      written = await this.store.moveStagedVerdicts(staging);
    } finally {
      if (staging) await this.store.dropVerdictStaging(staging);
      if (!options.snapshot) await snapshot.drop();
    }
    for (const policy of policies) {
      const outcome = outcomes.get(policy.query)!;
      if (!('error' in outcome)) continue;
      errors.push(`${policy.slug}: ${outcome.error.message}`);
      this.logger.warn({ participantId, policy: policy.slug, err: outcome.error }, 'policy failed to run');
    }
    const failures = written.failures;
    await this.store.writeEvaluation({
      participantId,
      evaluationId,
      startedAt,
      evaluatedFor: now,
      trigger,
      policies: policies.length,
      devices: devices.length,
      failures,
      errors,
    });
    return { evaluationId, policies: policies.length, devices: devices.length, failures, errors };
  }
}

/**
 * The verdicts' SELECT over the policies' outcome: each policy that ran, with the position of its text in
 * the whole (policies sharing a text share it), its version and severity, as array parameters.
 */
function verdictsOfOutcome(
  participantId: string,
  evaluationId: string,
  policies: readonly PolicyRecord[],
  positions: ReadonlyMap<string, number>,
): { select: string; params: Record<string, unknown> } {
  const ran = policies.filter((policy) => positions.has(policy.query));
  return {
    select: sqlQuery('health/verdicts-of-outcome'),
    params: {
      participant: participantId,
      evaluation: evaluationId,
      policy_branches: ran.map((policy) => positions.get(policy.query)!),
      policy_ids: ran.map((policy) => policy.policy_id),
      policy_versions: ran.map((policy) => policy.current_version),
      policy_severities: ran.map((policy) => policy.severity),
    },
  };
}
