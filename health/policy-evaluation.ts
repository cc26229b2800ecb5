import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { BUILTIN_POLICIES } from './builtin-policies.js';
import { builtinPolicyId, type HealthStore, type PolicyRecord, type ResultRow } from './health-store.js';
import { ParticipantSnapshot } from '../scoped-query/participant-snapshot.js';
import { runPoliciesTogether } from '../scoped-query/policies-together.js';
import type { PolicyProblem } from '../scoped-query/policy-validation.js';

/**
 * Evaluating the enabled policies for a participant: every active device gets a verdict per policy
 * (a device the policy said nothing about is "unknown"), stored as generated data with the policy
 * version and the time. A policy that fails to run is recorded in the evaluation's errors and the
 * others still run.
 *
 * Speed (issue 23): the policies read a snapshot of the participant's scoped tables taken once (the
 * caller's, shared with the detection rules, or one of its own), identical texts run once, all texts run
 * as one query (scoped-query/policies-together.ts), and the verdicts go to the engine in one raw insert.
 */
export interface EvaluateOptions {
  /** The run's snapshot of the participant's scoped tables, taken for the same `now`. */
  snapshot?: ParticipantSnapshot;
  /** The parse-tree check of each text, remembered over one run's participants. */
  parsed?: Map<string, PolicyProblem | null>;
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
    const rows: ResultRow[] = [];
    const errors: string[] = [];
    const evaluatedAt = toClickHouseTime(now.getTime());
    const queries = policies.map((policy) => policy.query);
    const snapshot = options.snapshot ?? (await ParticipantSnapshot.take(this.client, participantId, now, queries));
    let outcomes;
    try {
      outcomes = await runPoliciesTogether(this.client, participantId, queries, now, {
        snapshot,
        ...(options.parsed ? { parsed: options.parsed } : {}),
      });
    } finally {
      if (!options.snapshot) await snapshot.drop();
    }
    for (const policy of policies) {
      const outcome = outcomes.get(policy.query)!;
      if ('error' in outcome) {
        errors.push(`${policy.slug}: ${outcome.error.message}`);
        this.logger.warn({ participantId, policy: policy.slug, err: outcome.error }, 'policy failed to run');
        continue;
      }
      const verdicts = new Map(outcome.verdicts.map((v) => [v.device_id, v]));
      for (const device of devices) {
        const verdict = verdicts.get(device.device_id);
        rows.push({
          participant_id: participantId,
          evaluation_id: evaluationId,
          evaluated_at: evaluatedAt,
          policy_id: policy.policy_id,
          policy_version: policy.current_version,
          severity: policy.severity,
          device_id: device.device_id,
          status: verdict === undefined ? 'unknown' : verdict.passed ? 'pass' : 'fail',
          detail: verdict?.detail ?? '',
          detail_en: verdict?.detail_en ?? '',
        });
      }
    }
    await this.store.writeResults(rows);
    const failures = rows.filter((row) => row.status === 'fail').length;
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
