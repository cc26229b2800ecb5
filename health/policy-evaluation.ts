import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { BUILTIN_POLICIES } from './builtin-policies.js';
import { builtinPolicyId, type HealthStore, type PolicyRecord, type ResultRow } from './health-store.js';
import { runPolicy } from './policy-runner.js';

/**
 * Evaluating the enabled policies for a participant: every active device gets a verdict per policy
 * (a device the policy said nothing about is "unknown"), stored as generated data with the policy
 * version and the time. A policy that fails to run is recorded in the evaluation's errors and the
 * others still run.
 */
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
  ): Promise<{ evaluationId: string; policies: number; devices: number; failures: number; errors: string[] }> {
    const startedAt = new Date();
    const evaluationId = randomUUID();
    const policies = only ?? (await this.store.policies()).filter((policy) => policy.enabled);
    const devices = await this.store.activeDevices(participantId);
    const rows: ResultRow[] = [];
    const errors: string[] = [];
    const evaluatedAt = toClickHouseTime(now.getTime());
    for (const policy of policies) {
      let verdicts: Map<string, { passed: boolean; detail: string }>;
      try {
        verdicts = new Map(
          (await runPolicy(this.client, participantId, policy.query, now)).map((v) => [v.device_id, v]),
        );
      } catch (error) {
        errors.push(`${policy.slug}: ${(error as Error).message}`);
        this.logger.warn({ participantId, policy: policy.slug, err: error }, 'policy failed to run');
        continue;
      }
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
