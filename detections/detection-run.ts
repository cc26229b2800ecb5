import type { ClickHouseClient } from '@clickhouse/client';
import { sha256Hex } from '../common/hashes.js';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import type { ParticipantSnapshot } from '../scoped-query/participant-snapshot.js';
import type { PolicyProblem } from '../scoped-query/policy-validation.js';
import { runScopedRowsTogether } from '../scoped-query/rows-together.js';
import { selectRows } from '../sql/select-rows.js';
import { grownFinding, replacedFinding, type StoredFinding } from './finding-merge.js';
import { compileSigmaRule, type CompiledRule, type SigmaRule } from './sigma/index.js';

/**
 * Runs detection rules for one participant and turns the matching events into findings: one per rule,
 * device, user and source table, with first and last seen, the count and the events' keys. The id is a
 * hash of those, so a run over the same or more data updates the same finding (its count grows) rather
 * than adding one; only findings whose count or last_seen changed are written, in one insert. A scheduled
 * run reads by arrival (detection-watermarks.ts): a rule reading only new arrivals adds to its findings.
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
  /**
   * Where the run's time went: `queries` run (one per group of rules reading the same arrival range),
   * milliseconds in them (their checks included) and in comparing and writing the findings.
   */
  costs: { rules: number; queries: number; queryMs: number; writeMs: number };
  /** The rules that ran without error (their watermarks may move). */
  succeeded: string[];
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

/** A run that reads by arrival (detection-watermarks.ts's plan): each rule's `received_at` range. */
export interface ArrivalLimits {
  /** An operator's full run: a rule without a lower bound reads every event there is, arrived up to now. */
  full: boolean;
  until: string;
  /** The exclusive lower bound per rule id; a rule absent here reads everything that arrived up to `until`. */
  since: ReadonlyMap<string, string>;
  /** Rules that need not run this time. */
  upToDate: ReadonlySet<string>;
}

export async function runDetections(
  client: ClickHouseClient,
  participantId: string,
  now: Date,
  rules: readonly RuleToRun[],
  /**
   * `snapshot`: the run's snapshot of the participant's scoped tables, shared with the health policies.
   * `arrival`: read by arrival; the findings of a rule with a lower bound grow the stored ones (finding-merge.ts).
   * `parsed`: the parse-tree check of each compiled text, remembered over a run's participants.
   */
  options: {
    write: boolean;
    snapshot?: ParticipantSnapshot;
    arrival?: ArrivalLimits;
    parsed?: Map<string, PolicyProblem | null>;
  } = { write: true },
): Promise<DetectionRunResult> {
  const errors: string[] = [];
  const found: FindingRow[] = [];
  const succeeded: string[] = [];
  const incremental = new Set<string>();
  const updatedAt = toClickHouseTime(now.getTime());
  const groups = rulesByArrival(rules, options.arrival, errors);
  for (const group of groups.values())
    for (const member of group.members) if (member.since !== undefined) incremental.add(member.rule_id);
  const queryStarted = performance.now();
  for (const group of groups.values()) {
    const outcomes = await runScopedRowsTogether<MatchGroup>(
      client,
      participantId,
      group.members.map((member) => ({ query: groupedMatches(member.compiled.sql), params: member.compiled.params })),
      now,
      {
        columns: '*',
        logComment: 'detections:run-rules',
        ...(options.snapshot ? { snapshot: options.snapshot } : {}),
        ...(group.arrival ? { arrival: group.arrival } : {}),
        ...(options.parsed ? { parsed: options.parsed } : {}),
      },
    );
    for (const [index, { rule_id, rule }] of group.members.entries()) {
      const outcome = outcomes[index]!;
      if ('error' in outcome) {
        errors.push(`${rule_id}: ${outcome.error.message}`);
        continue;
      }
      for (const match of outcome.rows)
        found.push({
          participant_id: participantId,
          finding_id: findingId(participantId, rule_id, match.device_id, match.user, match.source),
          rule_id,
          rule_title: rule.title,
          level: rule.level,
          techniques: rule.techniques,
          device_id: match.device_id,
          user_name: match.user,
          first_seen: match.first_seen,
          last_seen: match.last_seen,
          event_count: Number(match.event_count),
          event_source: match.source,
          event_keys: match.event_keys.map(String),
          detected_at: updatedAt,
          updated_at: updatedAt,
        });
      succeeded.push(rule_id);
    }
  }
  const writeStarted = performance.now();
  const written = options.write ? await writeChangedFindings(client, participantId, found, incremental) : 0;
  const costs = {
    rules: [...groups.values()].reduce((sum, group) => sum + group.members.length, 0),
    queries: groups.size,
    queryMs: writeStarted - queryStarted,
    writeMs: performance.now() - writeStarted,
  };
  return { findings: found, written, errors, costs, succeeded };
}

interface GroupMember extends RuleToRun {
  compiled: CompiledRule;
  since: string | undefined;
}

/**
 * The rules to run, compiled, in groups that read the same arrival range (each group one query,
 * scoped-query/rows-together.ts). In a scheduled run the rules that ran last time share one watermark, and the
 * rules that read everything (new, changed, counting) share the other bound. Each rule's parameters are named
 * after its place in the list (`r<index>_<n>`): the group's rules share one query, and the same rule compiles
 * to the same text for every participant without exceptions, so its parse check is remembered over the run.
 * A rule that does not compile gets its error here.
 */
function rulesByArrival(rules: readonly RuleToRun[], arrival: ArrivalLimits | undefined, errors: string[]) {
  const groups = new Map<string, { arrival: { since: string; until: string } | undefined; members: GroupMember[] }>();
  for (const [index, { rule_id, rule }] of rules.entries()) {
    if (arrival?.upToDate.has(rule_id)) continue;
    let compiled: CompiledRule;
    try {
      compiled = compileSigmaRule(rule, `r${index}_`);
    } catch (error) {
      errors.push(`${rule_id}: ${(error as Error).message}`);
      continue;
    }
    const since = arrival?.since.get(rule_id);
    const range = arrivalOf(arrival, since).arrival;
    const key = range ? `${range.since}/${range.until}` : 'all';
    const group = groups.get(key) ?? { arrival: range, members: [] };
    group.members.push({ rule_id, rule, compiled, since });
    groups.set(key, group);
  }
  return groups;
}

/** The lower bound of a full read by arrival: before any event arrived. */
const BEFORE_EVERY_ARRIVAL = toClickHouseTime(0);

/**
 * The `received_at` range a rule reads: after its watermark, or from the start; up to the run's `until`, except
 * in an operator's full run, which reads what has arrived up to now (the newest arrivals, read again by the next
 * scheduled run, are known by their keys: finding-merge.ts).
 */
function arrivalOf(
  arrival: ArrivalLimits | undefined,
  since: string | undefined,
): { arrival?: { since: string; until: string } } {
  if (!arrival || (arrival.full && since === undefined)) return {};
  return { arrival: { since: since ?? BEFORE_EVERY_ARRIVAL, until: arrival.until } };
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

/**
 * Writes the findings that changed, in one insert: a full run's replace the stored ones, an incremental run's
 * grow them (finding-merge.ts). Only the stored findings this run found again are read.
 */
async function writeChangedFindings(
  client: ClickHouseClient,
  participantId: string,
  found: FindingRow[],
  incremental: ReadonlySet<string>,
) {
  if (found.length === 0) return 0;
  const existing = new Map(
    (
      await selectRows<StoredFinding>(client, 'detections/findings-to-merge', {
        participant: participantId,
        ids: found.map((finding) => finding.finding_id),
      })
    ).map((row) => [row.finding_id, row]),
  );
  const changed = found.flatMap((finding) => {
    const before = existing.get(finding.finding_id);
    const written = incremental.has(finding.rule_id)
      ? grownFinding(before, finding, MAX_EVENT_KEYS)
      : replacedFinding(before, finding);
    return written ? [written] : [];
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
