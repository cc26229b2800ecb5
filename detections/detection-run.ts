import type { ClickHouseClient } from '@clickhouse/client';
import { sha256Hex } from '../common/hashes.js';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import type { ParticipantSnapshot } from '../scoped-query/participant-snapshot.js';
import { runScopedRows } from '../scoped-query/policy-runner.js';
import { selectRows } from '../sql/select-rows.js';
import { compileSigmaRule, type SigmaRule } from './sigma/index.js';

/**
 * Runs detection rules for one participant and turns the matching events into findings: one per rule,
 * device, user and source table, with first and last seen, the count and the events' keys. The id is a
 * hash of those, so a run over the same or more data updates the same finding (its count grows) rather
 * than adding one; only findings whose count or last_seen changed are written, in one insert.
 */
export interface FindingRow {
  participant_id: string;
  finding_id: string;
  rule_id: string;
  rule_title: string;
  level: string;
  techniques: string[];
  device_id: string;
  user_name: string;
  first_seen: string;
  last_seen: string;
  event_count: number;
  event_source: string;
  event_keys: string[];
  detected_at: string;
  updated_at: string;
}

export interface RuleToRun {
  rule_id: string;
  rule: SigmaRule;
}

export interface DetectionRunResult {
  findings: FindingRow[];
  written: number;
  errors: string[];
  /** Milliseconds each rule took (the bench's per-rule costs). */
  costs: { rule_id: string; ms: number }[];
}

/** The keys kept per finding: enough to open its events; the count is the full number. */
export const MAX_EVENT_KEYS = 1000;

export function findingId(participantId: string, ruleId: string, deviceId: string, user: string, source: string) {
  return sha256Hex([participantId, ruleId, deviceId, user, source].join('\u0000')).slice(0, 32);
}

interface MatchGroup {
  device_id: string;
  user: string;
  source: string;
  first_seen: string;
  last_seen: string;
  event_count: string;
  event_keys: string[];
}

export async function runDetections(
  client: ClickHouseClient,
  participantId: string,
  now: Date,
  rules: readonly RuleToRun[],
  /** `snapshot`: the run's snapshot of the participant's scoped tables, shared with the health policies. */
  options: { write: boolean; snapshot?: ParticipantSnapshot } = { write: true },
): Promise<DetectionRunResult> {
  const errors: string[] = [];
  const costs: DetectionRunResult['costs'] = [];
  const found: FindingRow[] = [];
  const updatedAt = toClickHouseTime(now.getTime());
  for (const { rule_id, rule } of rules) {
    const started = performance.now();
    try {
      const compiled = compileSigmaRule(rule, 'r');
      const groups = await runScopedRows<MatchGroup>(client, participantId, groupedMatches(compiled.sql), now, {
        extraParams: compiled.params,
        columns: '*',
        logComment: 'detections:run-rule',
        ...(options.snapshot ? { snapshot: options.snapshot } : {}),
      });
      for (const group of groups)
        found.push({
          participant_id: participantId,
          finding_id: findingId(participantId, rule_id, group.device_id, group.user, group.source),
          rule_id,
          rule_title: rule.title,
          level: rule.level,
          techniques: rule.techniques,
          device_id: group.device_id,
          user_name: group.user,
          first_seen: group.first_seen,
          last_seen: group.last_seen,
          event_count: Number(group.event_count),
          event_source: group.source,
          event_keys: group.event_keys.map(String),
          detected_at: updatedAt,
          updated_at: updatedAt,
        });
    } catch (error) {
      errors.push(`${rule_id}: ${(error as Error).message}`);
    }
    costs.push({ rule_id, ms: performance.now() - started });
  }
  const written = options.write ? await writeChangedFindings(client, participantId, found) : 0;
  return { findings: found, written, errors, costs };
}

function groupedMatches(compiledSql: string): string {
  // sql-paste-ok: the compiled rule (fixed taxonomy expressions, values as parameters); MAX_EVENT_KEYS is a constant
  return `SELECT toString(device_id) AS device_id, user, source, min(time) AS first_seen, max(time) AS last_seen, count() AS event_count, groupArray(${MAX_EVENT_KEYS})(event_key) AS event_keys FROM (${compiledSql}) GROUP BY device_id, user, source`;
}

/** The SQL texts the rules run (for choosing what a run's snapshot takes); a rule that does not compile has none. */
export function ruleQueries(rules: readonly RuleToRun[]): string[] {
  return rules.flatMap(({ rule }) => {
    try {
      return [compileSigmaRule(rule, 'r').sql];
    } catch {
      return [];
    }
  });
}

async function writeChangedFindings(client: ClickHouseClient, participantId: string, found: FindingRow[]) {
  const existing = new Map(
    (
      await selectRows<{ finding_id: string; detected_at: string; event_count: string; last_seen: string }>(
        client,
        'detections/current-findings',
        { participant: participantId },
      )
    ).map((row) => [row.finding_id, row]),
  );
  const changed = found.flatMap((finding) => {
    const before = existing.get(finding.finding_id);
    if (!before) return [finding];
    if (Number(before.event_count) === finding.event_count && before.last_seen === finding.last_seen) return [];
    return [{ ...finding, detected_at: before.detected_at }];
  });
  if (changed.length > 0)
    await client.insert({
      table: 'findings',
      values: changed,
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'detections:write-findings' },
    });
  return changed.length;
}
