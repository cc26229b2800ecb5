import type { ClickHouseClient } from '@clickhouse/client';
import { changeTimeNow } from '../common/clickhouse-time.js';
import type { AttentionItem, TriageState } from '../contract/detections.js';
import { selectRows } from '../sql/select-rows.js';
import { ruleTitles } from './rule-titles.js';

/**
 * The attention queue (findings and high/critical policy failures across participants) and triage: the
 * only place running the queue's SQL. Order: findings before policy states (something happened beats a
 * standing posture, so the demo's planted incidents sit above "OS out of support"), then by level, newest first.
 */
const LEVEL_RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1, informational: 0 };

interface FindingQueueRow {
  participant_id: string;
  organisation: string;
  finding_id: string;
  rule_id: string;
  rule_title: string;
  level: AttentionItem['level'];
  techniques: string[];
  device_id: string;
  hostname: string;
  user_name: string;
  first_seen: string;
  last_seen: string;
  event_count: string;
  event_source: string;
  detected_at: string;
  state: TriageState;
  state_reason: string;
}

interface PolicyQueueRow {
  participant_id: string;
  organisation: string;
  policy_id: string;
  slug: string;
  title: string;
  title_en: string;
  level: AttentionItem['level'];
  devices: [string, string][];
  failing: string;
  evaluated_at: string;
  state: TriageState;
  state_reason: string;
}

export interface QueueFilter {
  participant?: string | undefined;
  rule?: string | undefined;
  technique?: string | undefined;
  includeClosed?: boolean | undefined;
}

export class FindingsStore {
  constructor(private readonly client: ClickHouseClient) {}

  async queue(scope: readonly string[], filter: QueueFilter): Promise<AttentionItem[]> {
    const participants = filter.participant ? scope.filter((id) => id === filter.participant) : [...scope];
    if (participants.length === 0) return [];
    const [findings, policies] = await Promise.all([
      selectRows<FindingQueueRow>(this.client, 'detections/attention-findings', { scope: participants }),
      selectRows<PolicyQueueRow>(this.client, 'detections/attention-policies', { scope: participants }),
    ]);
    const items: AttentionItem[] = [
      ...findings.map((f) => ({
        kind: 'finding' as const,
        itemId: f.finding_id,
        participantId: f.participant_id,
        organisation: f.organisation,
        level: f.level,
        ...ruleTitles(f.rule_id, f.rule_title),
        ruleId: f.rule_id,
        techniques: f.techniques,
        devices: [{ deviceId: f.device_id, hostname: f.hostname }],
        user: f.user_name,
        firstSeen: f.first_seen,
        lastSeen: f.last_seen,
        count: Number(f.event_count),
        detectedAt: f.detected_at,
        state: f.state,
        stateReason: f.state_reason,
        query: f.event_source === 'events' ? `finding:${f.finding_id}` : '',
      })),
      ...policies.map((p) => ({
        kind: 'policy' as const,
        itemId: `policy:${p.policy_id}`,
        participantId: p.participant_id,
        organisation: p.organisation,
        level: p.level,
        title: p.title,
        titleEn: p.title_en || p.title,
        ruleId: p.slug,
        techniques: [],
        devices: p.devices.map(([deviceId, hostname]) => ({ deviceId, hostname })),
        user: '',
        firstSeen: p.evaluated_at,
        lastSeen: p.evaluated_at,
        count: Number(p.failing),
        detectedAt: p.evaluated_at,
        state: p.state,
        stateReason: p.state_reason,
        query: '',
      })),
    ];
    return items
      .filter((item) => !filter.rule || item.ruleId === filter.rule)
      .filter((item) => !filter.technique || item.techniques.some((t) => t.startsWith(filter.technique!.toUpperCase())))
      .filter((item) => filter.includeClosed || (item.state !== 'resolved' && item.state !== 'false_positive'))
      .sort(
        (a, b) =>
          Number(a.kind === 'policy') - Number(b.kind === 'policy') ||
          LEVEL_RANK[b.level]! - LEVEL_RANK[a.level]! ||
          b.lastSeen.localeCompare(a.lastSeen),
      );
  }

  async triage(
    participantId: string,
    itemId: string,
    change: { state: TriageState; reason: string; messageJa: string; ticketId?: string },
    changedBy: string,
  ): Promise<void> {
    await this.client.insert({
      table: 'finding_triage',
      values: [
        {
          participant_id: participantId,
          item_id: itemId,
          state: change.state,
          reason: change.reason,
          message_ja: change.messageJa,
          ticket_id: change.ticketId ?? '',
          changed_at: changeTimeNow(),
          changed_by: changedBy,
        },
      ],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'detections:triage' },
    });
  }

  async history(participantId: string, itemId: string) {
    const rows = await selectRows<{
      state: TriageState;
      reason: string;
      message_ja: string;
      changed_at: string;
      changed_by: string;
    }>(this.client, 'detections/triage-history', { participant: participantId, item: itemId });
    return rows.map((r) => ({
      state: r.state,
      reason: r.reason,
      messageJa: r.message_ja,
      changedAt: r.changed_at,
      changedBy: r.changed_by,
    }));
  }

  async sentTo(participantId: string) {
    const rows = await selectRows<{
      finding_id: string;
      rule_id: string;
      rule_title: string;
      level: AttentionItem['level'];
      hostname: string;
      user_name: string;
      first_seen: string;
      last_seen: string;
      event_count: string;
      message_ja: string;
      sent_at: string;
    }>(this.client, 'detections/sent-findings', { participant: participantId });
    return rows.map((r) => ({
      findingId: r.finding_id,
      ...ruleTitles(r.rule_id, r.rule_title),
      level: r.level,
      hostname: r.hostname,
      user: r.user_name,
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
      count: Number(r.event_count),
      messageJa: r.message_ja,
      sentAt: r.sent_at,
    }));
  }

  async exists(participantId: string, itemId: string): Promise<boolean> {
    if (itemId.startsWith('policy:')) return true;
    const rows = await this.queue([participantId], { includeClosed: true });
    return rows.some((row) => row.itemId === itemId);
  }
}
