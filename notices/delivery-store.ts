import type { ClickHouseClient } from '@clickhouse/client';
import { fromClickHouseTime, toClickHouseTime } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';
import type { DeliveryState, NoticeChannel } from './rules/deemed-delivery.js';

/** One channel's delivery of a notice to one recipient, as it stands now (the latest row). */
export interface DeliveryRow {
  notice_id: string;
  participant_id: string | null;
  channel: NoticeChannel;
  state: DeliveryState;
  deemed_delivered_at: string | null;
  mail_id: string;
  detail: string;
  updated_at: string;
}

export interface DeliveryChange {
  noticeId: string;
  participantId: string | null;
  channel: NoticeChannel;
  state: DeliveryState;
  deemedAt?: Date | undefined;
  mailId?: string | undefined;
  detail?: string | undefined;
}

/** Appends delivery changes (notice_deliveries) and reads the latest state of each. */
export class DeliveryStore {
  constructor(private readonly client: ClickHouseClient) {}

  async append(changes: readonly DeliveryChange[]): Promise<void> {
    if (changes.length === 0) return;
    const now = Date.now();
    await this.client.insert({
      table: 'notice_deliveries',
      values: changes.map((change) => ({
        notice_id: change.noticeId,
        participant_id: change.participantId,
        channel: change.channel,
        state: change.state,
        deemed_delivered_at: change.deemedAt ? toClickHouseTime(change.deemedAt.getTime()) : null,
        mail_id: change.mailId ?? '',
        detail: (change.detail ?? '').slice(0, 2000),
        recorded_at: toClickHouseTime(now),
      })),
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'notices:delivery' },
    });
  }

  of(noticeIds: readonly string[]): Promise<DeliveryRow[]> {
    if (noticeIds.length === 0) return Promise.resolve([]);
    return selectRows<DeliveryRow>(this.client, 'notices/deliveries-of', { noticeIds });
  }

  async byMail(mailId: string): Promise<{ notice_id: string; participant_id: string | null } | undefined> {
    return (
      await selectRows<{ notice_id: string; participant_id: string | null }>(this.client, 'notices/delivery-by-mail', {
        mailId,
      })
    )[0];
  }

  /** Deliveries still pending or failed: what operators must look at. */
  open(limit = 500): Promise<DeliveryRow[]> {
    return selectRows<DeliveryRow>(this.client, 'notices/undelivered', { limit });
  }
}

export function deemedTime(row: DeliveryRow): Date | null {
  return row.deemed_delivered_at ? fromClickHouseTime(row.deemed_delivered_at) : null;
}
