import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';
import type { NoticeKind, NoticeText } from './notice-texts.js';
import type { NoticeChannel } from './rules/deemed-delivery.js';
import { withoutLineageCopies } from './rules/lineage-copies.js';

/** A notice the desk gave a participant, an account, or every participant (terms art. 21). */
export interface NoticeRecord {
  notice_id: string;
  audience: 'participant' | 'all_participants' | 'account';
  participant_id: string | null;
  account_id: string | null;
  recipient_email: string;
  kind: NoticeKind;
  subject_ja: string;
  body_ja: string;
  subject_en: string;
  body_en: string;
  created_at: string;
  created_by: string;
  channels: NoticeChannel[];
  prior_notice_seconds: number;
  stated_delivery_at: string | null;
  postal_address: string;
  /** What the notice announces, when an effect waits for it: "suspension:<id>", "account-suspension:<id>". */
  about: string;
}

export type NoticeAddress =
  | { audience: 'participant'; participantId: string; email: string; postalAddress?: string }
  | { audience: 'account'; accountId: string; participantId: string | null; email: string; postalAddress?: string }
  | { audience: 'all_participants' };

export interface NoticeOptions {
  channels: readonly NoticeChannel[];
  /** Art. 7 (1), 8 (2), 20 (6): how long after the deemed delivery the announced effect may happen. */
  priorNoticeSeconds: number;
  /** Art. 21 (4): when a notice by other means counts as delivered, as the notice states. */
  statedDeliveryAt?: Date | undefined;
  about?: string | undefined;
}

export class NoticeStore {
  constructor(private readonly client: ClickHouseClient) {}

  async record(
    address: NoticeAddress,
    kind: NoticeKind,
    text: NoticeText,
    createdBy: string,
    options: NoticeOptions,
    createdAt = Date.now(),
  ): Promise<NoticeRecord> {
    const row: NoticeRecord = {
      notice_id: randomUUID(),
      audience: address.audience,
      participant_id: address.audience === 'all_participants' ? null : address.participantId,
      account_id: address.audience === 'account' ? address.accountId : null,
      recipient_email: address.audience === 'all_participants' ? '' : address.email,
      kind,
      ...text,
      created_at: toClickHouseTime(createdAt),
      created_by: createdBy,
      channels: [...options.channels],
      prior_notice_seconds: Math.max(0, Math.round(options.priorNoticeSeconds)),
      stated_delivery_at: options.statedDeliveryAt ? toClickHouseTime(options.statedDeliveryAt.getTime()) : null,
      postal_address: address.audience === 'all_participants' ? '' : (address.postalAddress ?? ''),
      about: options.about ?? '',
    };
    await this.client.insert({
      table: 'notices',
      values: [row],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: `notices:record:${kind}` },
    });
    return row;
  }

  /**
   * What a participant has been told: its own notices and those to every participant. `participantIds` is the
   * reader first, then the predecessors whose records passed to it (art. 4); one announcement sent to several of
   * them (a succession, to both sides) is listed once, the reader's own copy.
   */
  async forParticipant(participantIds: readonly string[], limit = 200): Promise<NoticeRecord[]> {
    const notices = normalise(
      await selectRows<NoticeRecord>(this.client, 'notices/for-participant', { participantIds, limit }),
    );
    return withoutLineageCopies(notices, participantIds);
  }

  async find(noticeId: string): Promise<NoticeRecord | undefined> {
    return normalise(await selectRows<NoticeRecord>(this.client, 'notices/by-id', { noticeId }))[0];
  }

  /** The participant's latest notice of a kind: the one a pending decision (e.g. a revocation) was announced with. */
  async latestOfKind(participantId: string, kind: NoticeKind): Promise<NoticeRecord | undefined> {
    return normalise(await selectRows<NoticeRecord>(this.client, 'notices/latest-of-kind', { participantId, kind }))[0];
  }

  /** The latest notice announcing something (see `about`). */
  async about(about: string): Promise<NoticeRecord | undefined> {
    return normalise(await selectRows<NoticeRecord>(this.client, 'notices/about', { about }))[0];
  }

  /** Trial-wide notices posted on the web (art. 21 (1)): the public notices page, readable without an account. */
  async trialWide(limit = 200): Promise<NoticeRecord[]> {
    return normalise(await selectRows<NoticeRecord>(this.client, 'notices/public', { limit }));
  }

  async recent(limit = 200): Promise<NoticeRecord[]> {
    return normalise(await selectRows<NoticeRecord>(this.client, 'notices/recent', { limit }));
  }
}

function normalise(rows: NoticeRecord[]): NoticeRecord[] {
  return rows.map((row) => ({ ...row, prior_notice_seconds: Number(row.prior_notice_seconds) }));
}
