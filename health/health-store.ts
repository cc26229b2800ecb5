import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { changeTimeNow, toClickHouseTime } from '../common/clickhouse-time.js';
import { nameBasedUuid } from '../ingest/credentials.js';
import type { InsertJsonLines } from '../ingest/table-writers.js';
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
  constructor(
    private readonly client: ClickHouseClient,
    /** The raw insert of JSON lines (server/formatted-insert.ts): an evaluation's verdicts in one statement. */
    private readonly insertJsonLines?: InsertJsonLines,
  ) {}

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

  async writeResults(rows: readonly ResultRow[]): Promise<void> {
    if (rows.length === 0) return;
    if (this.insertJsonLines) {
      // JSON lines straight to the engine's parser: 500,000 verdicts through the client cost seconds (issue 23).
      const body = Buffer.from(rows.map((row) => JSON.stringify(row)).join('\n'));
      await this.insertJsonLines('policy_results', body, { log_comment: 'health:write-results' });
      return;
    }
    await this.client.insert({
      table: 'policy_results',
      values: rows as ResultRow[],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'health:write-results' },
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
