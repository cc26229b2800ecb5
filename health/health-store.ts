import { randomBytes, randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { changeTimeNow, toClickHouseTime } from '../common/clickhouse-time.js';
import { nameBasedUuid } from '../ingest/credentials.js';
import { selectRows } from '../sql/select-rows.js';
import type { Severity } from './scores.js';

/** Policies, their results and evaluations: the only place running the health domain's SQL. */
export interface PolicyRecord {
  policy_id: string;
  current_version: number;
  slug: string;
  builtin: boolean;
  enabled: boolean;
  severity: Severity;
  title_ja: string;
  title_en: string;
  description_ja: string;
  description_en: string;
  remediation_ja: string;
  remediation_en: string;
  query: string;
}

export type PolicyContent = Omit<PolicyRecord, 'policy_id' | 'current_version'>;

export interface ResultRow {
  participant_id: string;
  evaluation_id: string;
  evaluated_at: string;
  policy_id: string;
  policy_version: number;
  severity: Severity;
  device_id: string;
  status: 'pass' | 'fail' | 'unknown';
  detail: string;
  /** The finding in English, '' when the policy answers none (the report then shows `detail`). */
  detail_en: string;
}

/** The columns of policy_results, in the order the engine-made verdicts answer them (verdicts-of-outcome.sql). */
export const VERDICT_COLUMNS =
  'participant_id, evaluation_id, evaluated_at, policy_id, policy_version, severity, device_id, status, detail, detail_en';

export interface AntivirusDayRow {
  day: string;
  product: string;
  running_passes: number | string;
  running_failures: number | string;
  first_failure: string | null;
  oldest_definitions_days: number | string | null;
}

/** One device's antivirus over a period (sql/queries/health/antivirus-summary.sql). */
export interface AntivirusSummaryRow {
  device_id: string;
  hostname: string;
  days_checked: number | string;
  days_stopped: number | string;
  days_off: number | string;
  last_stopped_at: string | null;
  product: string;
  newest_definitions_days: number | string;
  oldest_definitions_days: number | string;
  definitions_checks: number | string;
}

export class HealthStore {
  constructor(private readonly client: ClickHouseClient) {}

  async policies(): Promise<PolicyRecord[]> {
    const rows = await selectRows<PolicyRecord>(this.client, 'health/current-policies');
    return rows.map((row) => ({
      ...row,
      current_version: Number(row.current_version),
      builtin: Boolean(row.builtin),
      enabled: Boolean(row.enabled),
    }));
  }

  async writePolicy(policyId: string, version: number, content: PolicyContent, changedBy: string): Promise<void> {
    await this.client.insert({
      table: 'policies',
      values: [{ policy_id: policyId, version, ...content, changed_at: changeTimeNow(), changed_by: changedBy }],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'health:write-policy' },
    });
  }

  activeDevices(participantId: string): Promise<{ device_id: string; hostname: string }[]> {
    return selectRows(this.client, 'health/active-devices', { participant: participantId });
  }

  /**
   * A staging table for one evaluation's verdicts, made in the engine (policy-evaluation.ts): an engine `Memory`
   * table shaped like policy_results, named like a snapshot table so that snapshot-sweep.ts removes it if a run
   * dies holding it.
   */
  async createVerdictStaging(): Promise<string> {
    const name = `snapshot_${randomBytes(8).toString('hex')}_policy_verdicts`;
    await this.client.command({
      query: 'CREATE TABLE {name:Identifier} AS policy_results ENGINE = Memory',
      query_params: { name },
      clickhouse_settings: { log_comment: 'health:verdict-staging' },
    });
    return name;
  }

  /** The staged verdicts into policy_results in one insert; answers how many fail. */
  async moveStagedVerdicts(staging: string): Promise<{ verdicts: number; failures: number }> {
    await this.client.command({
      // sql-paste-ok: the fixed column list of policy_results (VERDICT_COLUMNS); the staging table is an Identifier parameter
      query: `INSERT INTO policy_results (${VERDICT_COLUMNS}) SELECT ${VERDICT_COLUMNS} FROM {staging:Identifier}`,
      query_params: { staging },
      clickhouse_settings: { log_comment: 'health:write-results' },
    });
    const [counted] = await selectRows<{ verdicts: string; failures: string }>(
      this.client,
      'health/staged-verdict-counts',
      { staging },
      'health:write-results',
    );
    return { verdicts: Number(counted?.verdicts ?? 0), failures: Number(counted?.failures ?? 0) };
  }

  async dropVerdictStaging(staging: string): Promise<void> {
    await this.client.command({
      query: 'DROP TABLE IF EXISTS {name:Identifier}',
      query_params: { name: staging },
      clickhouse_settings: { log_comment: 'health:verdict-staging' },
    });
  }

  async writeEvaluation(entry: {
    participantId: string;
    evaluationId: string;
    startedAt: Date;
    evaluatedFor: Date;
    trigger: string;
    policies: number;
    devices: number;
    failures: number;
    errors: string[];
  }): Promise<void> {
    await this.client.insert({
      table: 'policy_evaluations',
      values: [
        {
          participant_id: entry.participantId,
          evaluation_id: entry.evaluationId,
          started_at: toClickHouseTime(entry.startedAt.getTime()),
          finished_at: toClickHouseTime(Date.now()),
          evaluated_for: toClickHouseTime(entry.evaluatedFor.getTime()),
          trigger: entry.trigger,
          policies: entry.policies,
          devices: entry.devices,
          failures: entry.failures,
          errors: entry.errors,
        },
      ],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'health:write-evaluation' },
    });
  }

  latestResults(participantId: string) {
    return selectRows<{
      device_id: string;
      policy_id: string;
      status: ResultRow['status'];
      detail: string;
      detail_en: string;
      severity: Severity;
      evaluated_at: string;
      failing_since: string;
      passing_since: string;
      last_fail: string;
    }>(this.client, 'health/latest-results', { participant: participantId });
  }

  /** device → score (0-100, null when nothing was decided) and failing policies, from each participant's latest evaluation. */
  async deviceScores(): Promise<Map<string, { score: number | null; failing: number }>> {
    const rows = await selectRows<{ device_id: string; score: number | null; failing: string }>(
      this.client,
      'health/device-scores',
    );
    return new Map(
      rows.map((row) => [
        row.device_id,
        { score: row.score === null ? null : Math.round(Number(row.score) * 10) / 10, failing: Number(row.failing) },
      ]),
    );
  }

  /** policy → devices failing it and its last evaluation, over every participant's latest evaluation. */
  async policyStanding(): Promise<Map<string, { failing: number; lastEvaluatedAt: string }>> {
    const rows = await selectRows<{ policy_id: string; failing: string; last_evaluated: string }>(
      this.client,
      'health/policy-standing',
    );
    return new Map(
      rows.map((row) => [row.policy_id, { failing: Number(row.failing), lastEvaluatedAt: row.last_evaluated }]),
    );
  }

  /** One device's antivirus results, summarised per JST day (sql/queries/health/antivirus-history.sql). */
  antivirusDays(participantId: string, deviceId: string, from: Date, to: Date): Promise<AntivirusDayRow[]> {
    return selectRows<AntivirusDayRow>(this.client, 'health/antivirus-history', {
      participantId,
      deviceId,
      from: toClickHouseTime(from.getTime()),
      to: toClickHouseTime(to.getTime()),
    });
  }

  /** Every device's antivirus results over a period, one row per device that reported any. */
  antivirusSummary(participantId: string, from: Date, to: Date): Promise<AntivirusSummaryRow[]> {
    return selectRows<AntivirusSummaryRow>(this.client, 'health/antivirus-summary', {
      participantId,
      from: toClickHouseTime(from.getTime()),
      to: toClickHouseTime(to.getTime()),
    });
  }

  scoreHistory(participantId: string, since: Date) {
    return selectRows<{ evaluation_id: string; evaluated_at: string; score: number; devices: string }>(
      this.client,
      'health/score-history',
      { participant: participantId, since: toClickHouseTime(since.getTime()) },
    );
  }
}

/** Built-in policies keep one id per slug, so their history survives a new version of the pack. */
export function builtinPolicyId(slug: string): string {
  return nameBasedUuid(`yorozu-policy:${slug}`);
}

export function newPolicyId(): string {
  return randomUUID();
}
