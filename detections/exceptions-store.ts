import type { ClickHouseClient } from '@clickhouse/client';
import { changeTimeNow } from '../common/clickhouse-time.js';
import { sha256Hex } from '../common/hashes.js';
import { selectRows } from '../sql/select-rows.js';
import type { RuleToRun } from './detection-run.js';
import { ruleWithExceptions } from './sigma/index.js';

/**
 * Per-participant exceptions to detection rules (`detection_exceptions`): a rule silenced for one participant,
 * or only where one of its fields has a value, each with the operator's reason and who set it, when. The id is
 * a hash of participant, rule, field and value, so the same exception set twice is one, and lifting it writes
 * `removed = 1` over it.
 */
export interface ExceptionRecord {
  participant_id: string;
  exception_id: string;
  rule_id: string;
  field: string;
  value: string;
  reason: string;
  changed_at: string;
  changed_by: string;
}

export function exceptionId(participantId: string, ruleId: string, field: string, value: string): string {
  return sha256Hex([participantId, ruleId, field, value].join('\u0000')).slice(0, 32);
}

export class ExceptionsStore {
  constructor(private readonly client: ClickHouseClient) {}

  /** Every participant's, with the participant's name. */
  all(): Promise<(ExceptionRecord & { organisation: string })[]> {
    return selectRows(this.client, 'detections/exceptions');
  }

  ofParticipant(participantId: string): Promise<ExceptionRecord[]> {
    return selectRows<ExceptionRecord>(this.client, 'detections/participant-exceptions', {
      participant: participantId,
    });
  }

  async write(
    entry: Omit<ExceptionRecord, 'exception_id' | 'changed_at' | 'changed_by'> & { removed: boolean },
    changedBy: string,
  ): Promise<string> {
    const id = exceptionId(entry.participant_id, entry.rule_id, entry.field, entry.value);
    await this.client.insert({
      table: 'detection_exceptions',
      values: [
        {
          participant_id: entry.participant_id,
          exception_id: id,
          rule_id: entry.rule_id,
          field: entry.field,
          value: entry.value,
          reason: entry.reason,
          removed: entry.removed ? 1 : 0,
          changed_at: changeTimeNow(),
          changed_by: changedBy,
        },
      ],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'detections:write-exception' },
    });
    return id;
  }

  /** The rules as they run for this participant: silenced ones left out, value exceptions added. */
  async applyTo(participantId: string, rules: readonly RuleToRun[]): Promise<RuleToRun[]> {
    const exceptions = await this.ofParticipant(participantId);
    if (exceptions.length === 0) return [...rules];
    return rules.flatMap(({ rule_id, rule }) => {
      const applied = ruleWithExceptions(
        rule,
        exceptions.filter((exception) => exception.rule_id === rule_id),
      );
      return applied ? [{ rule_id, rule: applied }] : [];
    });
  }
}
