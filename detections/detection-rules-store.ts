import type { ClickHouseClient } from '@clickhouse/client';
import { changeTimeNow } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';
import { loadRulePack } from './rule-pack.js';
import { parseSigmaRule, type SigmaRule } from './sigma/index.js';

/** Detection rules as data (detection_rules): a version per change; the pack installed at start. */
export interface DetectionRuleRecord {
  rule_id: string;
  current_version: number;
  origin: 'sigmahq' | 'yorozu' | 'operator';
  enabled: boolean;
  title: string;
  level: SigmaRule['level'];
  yaml: string;
}

export class DetectionRulesStore {
  constructor(private readonly client: ClickHouseClient) {}

  async rules(): Promise<DetectionRuleRecord[]> {
    const rows = await selectRows<DetectionRuleRecord>(this.client, 'detections/current-rules');
    return rows.map((row) => ({ ...row, current_version: Number(row.current_version), enabled: Boolean(row.enabled) }));
  }

  async writeRule(
    record: Omit<DetectionRuleRecord, 'current_version' | 'title' | 'level'>,
    version: number,
    changedBy: string,
  ): Promise<void> {
    const rule = parseSigmaRule(record.yaml);
    await this.client.insert({
      table: 'detection_rules',
      values: [
        {
          rule_id: record.rule_id,
          version,
          origin: record.origin,
          enabled: record.enabled,
          title: rule.title,
          level: rule.level,
          yaml: record.yaml,
          changed_at: changeTimeNow(),
          changed_by: changedBy,
        },
      ],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'detections:write-rule' },
    });
  }

  /** Writes the shipped pack: a new version of a rule only when its text changed; enabled state is kept. */
  async installPack(): Promise<number> {
    const current = new Map((await this.rules()).map((rule) => [rule.rule_id, rule]));
    let written = 0;
    for (const pack of loadRulePack()) {
      const existing = current.get(pack.rule.id);
      if (existing?.yaml === pack.yaml) continue;
      await this.writeRule(
        { rule_id: pack.rule.id, origin: pack.origin, enabled: existing?.enabled ?? true, yaml: pack.yaml },
        (existing?.current_version ?? 0) + 1,
        'rule-pack',
      );
      written += 1;
    }
    return written;
  }
}
