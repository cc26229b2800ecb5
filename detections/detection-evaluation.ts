import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import { runDetections, type DetectionRunResult } from './detection-run.js';
import type { DetectionRulesStore } from './detection-rules-store.js';
import { parseSigmaRule, type SigmaRule } from './sigma/index.js';

/** Runs the enabled rules for a participant (scheduled, or on demand), or one unsaved rule as a trial. */
export class DetectionRun {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly rules: DetectionRulesStore,
    private readonly logger: Logger,
  ) {}

  async enabledRules() {
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

  async runFor(participantId: string, now: Date): Promise<DetectionRunResult> {
    const result = await runDetections(this.client, participantId, now, await this.enabledRules());
    if (result.errors.length > 0) this.logger.warn({ participantId, errors: result.errors }, 'detection rules failed');
    return result;
  }

  tryRule(participantId: string, rule: SigmaRule, now: Date): Promise<DetectionRunResult> {
    return runDetections(this.client, participantId, now, [{ rule_id: rule.id, rule }], { write: false });
  }
}
