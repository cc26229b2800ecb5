import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';
import type { NoticeKind, NoticeText } from './notice-texts.js';

/**
 * Notices the desk owes a participant, an account, or every participant (terms art. 21). This
 * records them; delivery channels and "deemed delivered" times come with the notices issue.
 */
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
}

export type NoticeAddress =
  | { audience: 'participant'; participantId: string; email: string }
  | { audience: 'account'; accountId: string; participantId: string | null; email: string }
  | { audience: 'all_participants' };

export class NoticeStore {
  constructor(private readonly client: ClickHouseClient) {}

  async record(address: NoticeAddress, kind: NoticeKind, text: NoticeText, createdBy: string): Promise<string> {
    const noticeId = randomUUID();
    await this.client.insert({
      table: 'notices',
      values: [
        {
          notice_id: noticeId,
          audience: address.audience,
          participant_id: address.audience === 'all_participants' ? null : address.participantId,
          account_id: address.audience === 'account' ? address.accountId : null,
          recipient_email: address.audience === 'all_participants' ? '' : address.email,
          kind,
          ...text,
          created_at: toClickHouseTime(Date.now()),
          created_by: createdBy,
        },
      ],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: `notices:record:${kind}` },
    });
    return noticeId;
  }

  /** What a participant has been told: its own notices and those to every participant. */
  async forParticipant(participantIds: readonly string[], limit = 200): Promise<NoticeRecord[]> {
    return selectRows<NoticeRecord>(this.client, 'notices/for-participant', { participantIds, limit });
  }
}
