import type { ClickHouseClient } from '@clickhouse/client';
import { changeTimeNow, toClickHouseTime } from '../common/clickhouse-time.js';
import { sha256Hex } from '../common/hashes.js';
import { selectRows } from '../sql/select-rows.js';
import type { RuleToRun } from './detection-run.js';
import { compileSigmaRule } from './sigma/index.js';

/**
 * Incremental detection (issue 23): a scheduled run reads, for each rule, only the events that arrived since
 * that rule's last successful run for the participant. The watermark is an ingest time (`received_at`), never
 * an event time, so an event that arrives late with an old time is read by the next run (as long as its time
 * is within the scoped tables' 30 days).
 *
 * A rule runs in full (every event of the 30 days that has arrived) when asked (an operator's "run now"), when
 * it has no watermark yet (new, or newly enabled for the participant), when it changed (its fingerprint: the
 * compiled text and values, the participant's exceptions, the entries of the lists it reads), and always when
 * it counts events (`| count() …`): its windows depend on the events around the new ones.
 *
 * A scheduled run reads up to `until`, the run's time less ARRIVAL_SETTLE_MS: an event is stamped `received_at`
 * when the gateway takes it and becomes readable once its batch is written, so the newest arrivals are left to
 * the next run rather than read by neither. A full run reads everything that has arrived, and still sets the
 * watermark to `until`: what it read after that is read again by the next run and known by its keys.
 */
export const ARRIVAL_SETTLE_MS = 5 * 60_000;

export interface ArrivalPlan {
  /** Every rule reads every event that has arrived (its watermark still moves only to `until`). */
  full: boolean;
  /** The upper bound (inclusive) of `received_at` this run reads, for every rule. */
  until: string;
  /** The lower bound (exclusive) per rule id; a rule absent here runs in full. */
  since: ReadonlyMap<string, string>;
  /** Rules that need not run: nothing can have arrived for them since their watermark. */
  upToDate: ReadonlySet<string>;
  /** The fingerprint of each rule as it runs for the participant, recorded with its watermark. */
  fingerprints: ReadonlyMap<string, string>;
}

export class DetectionWatermarks {
  constructor(private readonly client: ClickHouseClient) {}

  /** Which rules of a run read only new arrivals, and from where. `full`: every rule reads everything. */
  async plan(participantId: string, now: Date, rules: readonly RuleToRun[], full: boolean): Promise<ArrivalPlan> {
    const until = toClickHouseTime(now.getTime() - ARRIVAL_SETTLE_MS);
    const compiled = rules.flatMap(({ rule_id, rule }) => {
      try {
        return [{ rule_id, compiled: compileSigmaRule(rule, 'r') }];
      } catch {
        return []; // runDetections reports the rule's error; it gets no watermark
      }
    });
    const digests = compiled.some(({ compiled: c }) => c.lists.length > 0)
      ? await this.listDigests(participantId)
      : new Map<string, string>();
    const fingerprints = new Map(
      compiled.map(({ rule_id, compiled: c }) => [
        rule_id,
        sha256Hex(JSON.stringify([c.sql, c.params, c.lists.map((list) => digests.get(list) ?? '')])),
      ]),
    );
    const since = new Map<string, string>();
    const upToDate = new Set<string>();
    if (!full) {
      const marks = await selectRows<{ rule_id: string; rule_fingerprint: string; received_until: string }>(
        this.client,
        'detections/rule-watermarks',
        { participant: participantId },
      );
      for (const mark of marks) {
        const entry = compiled.find((candidate) => candidate.rule_id === mark.rule_id);
        if (!entry || entry.compiled.aggregated || fingerprints.get(mark.rule_id) !== mark.rule_fingerprint) continue;
        since.set(mark.rule_id, mark.received_until);
        if (mark.received_until >= until) upToDate.add(mark.rule_id);
      }
    }
    return { full, until, since, upToDate, fingerprints };
  }

  /** The watermarks of the rules that ran without error (a failed rule reads the same arrivals again next time). */
  async record(participantId: string, plan: ArrivalPlan, succeeded: readonly string[]): Promise<void> {
    const ranAt = changeTimeNow();
    const values = succeeded.flatMap((ruleId) => {
      const fingerprint = plan.fingerprints.get(ruleId);
      if (fingerprint === undefined || plan.upToDate.has(ruleId)) return [];
      return [
        {
          participant_id: participantId,
          rule_id: ruleId,
          rule_fingerprint: fingerprint,
          received_until: plan.until,
          full_run: !plan.since.has(ruleId),
          ran_at: ranAt,
        },
      ];
    });
    if (values.length === 0) return;
    await this.client.insert({
      table: 'detection_watermarks',
      values,
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'detections:write-watermarks' },
    });
  }

  private async listDigests(participantId: string): Promise<Map<string, string>> {
    const rows = await selectRows<{ list_name: string; digest: string; entries: string }>(
      this.client,
      'detections/list-digests',
      { participant: participantId },
    );
    return new Map(rows.map((row) => [row.list_name, `${row.digest}:${row.entries}`]));
  }
}
