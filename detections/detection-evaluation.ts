import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import { ParticipantSnapshot } from '../scoped-query/participant-snapshot.js';
import type { PolicyProblem } from '../scoped-query/policy-validation.js';
import { ruleQueries, runDetections, type DetectionRunResult, type RuleToRun } from './detection-run.js';
import type { DetectionRulesStore } from './detection-rules-store.js';
import { DetectionWatermarks } from './detection-watermarks.js';
import type { ExceptionsStore } from './exceptions-store.js';
import { parseSigmaRule, type SigmaRule } from './sigma/index.js';

/**
 * Runs the enabled rules for a participant (scheduled: each rule over what arrived since its last run; or in
 * full on demand), or one unsaved rule as a trial.
 */
export class DetectionRun {
  private readonly watermarks: DetectionWatermarks;

  constructor(
    private readonly client: ClickHouseClient,
    private readonly rules: DetectionRulesStore,
    private readonly exceptions: ExceptionsStore,
    private readonly logger: Logger,
  ) {
    this.watermarks = new DetectionWatermarks(client);
  }

  async enabledRules(): Promise<RuleToRun[]> {
    const records = (await this.rules.rules()).filter((record) => record.enabled);
    return records.flatMap((record) => {
      try {
        return [{ rule_id: record.rule_id, rule: parseSigmaRule(record.yaml) }];
      } catch (error) {
        this.logger.warn({ rule: record.rule_id, err: error }, 'stored detection rule no longer parses');
        return [];
      }
    });
  }

  /** The enabled rules as they run for this participant: its exceptions applied (exceptions-store.ts). */
  async rulesFor(participantId: string, enabled?: readonly RuleToRun[]): Promise<RuleToRun[]> {
    return this.exceptions.applyTo(participantId, enabled ?? (await this.enabledRules()));
  }

  /**
   * The participant's rules (`shared.rules`: from `rulesFor`, by a caller running many participants), one query
   * per arrival range (detection-run.ts), over a snapshot of its scoped tables: the caller's (shared with the
   * health policies of the same run), or its own.
   * `full`: every rule reads every event that arrived (an operator's "run now"); otherwise each rule reads what
   * arrived since its watermark, where it has a valid one (detection-watermarks.ts).
   */
  async runFor(
    participantId: string,
    now: Date,
    shared?: {
      snapshot: ParticipantSnapshot;
      rules: readonly RuleToRun[];
      /** The parse-tree check of each compiled text, remembered over the caller's run. */
      parsed?: Map<string, PolicyProblem | null>;
    },
    mode: { full: boolean } = { full: true },
  ): Promise<DetectionRunResult> {
    const rules = shared?.rules ?? (await this.rulesFor(participantId));
    const arrival = await this.watermarks.plan(participantId, now, rules, mode.full);
    const snapshot =
      shared?.snapshot ?? (await ParticipantSnapshot.take(this.client, participantId, now, ruleQueries(rules)));
    let result: DetectionRunResult;
    try {
      result = await runDetections(this.client, participantId, now, rules, {
        write: true,
        snapshot,
        arrival,
        ...(shared?.parsed ? { parsed: shared.parsed } : {}),
      });
    } finally {
      if (!shared) await snapshot.drop();
    }
    // After the findings: a run whose findings were written but not its watermarks reads the same arrivals again,
    // and their keys keep them from being counted twice (finding-merge.ts).
    await this.watermarks.record(participantId, arrival, result.succeeded);
    if (result.errors.length > 0) this.logger.warn({ participantId, errors: result.errors }, 'detection rules failed');
    return result;
  }

  tryRule(participantId: string, rule: SigmaRule, now: Date): Promise<DetectionRunResult> {
    return runDetections(this.client, participantId, now, [{ rule_id: rule.id, rule }], { write: false });
  }
}
