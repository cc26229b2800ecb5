import { toClickHouseTime } from '../common/clickhouse-time.js';
import { NOTICE_TEXTS } from '../notices/notice-texts.js';
import { checkAgreedDate, type AgreedDeletion, type EndingEffects, type EndingSummary } from './ending-effects.js';
import type { ParticipantRecord } from './participant-store.js';
import type { ParticipantUpdates } from './participant-updates.js';

/** Art. 6: the participant asks to leave from its portal; the desk completes it. */
export class Withdrawals {
  constructor(
    private readonly updates: ParticipantUpdates,
    private readonly effects: EndingEffects,
  ) {}

  request(participantId: string, reason: string, by: string): Promise<ParticipantRecord> {
    return this.updates.apply(
      participantId,
      'request_withdrawal',
      by,
      (state) => ({
        ...state,
        status: 'withdrawal_requested',
        note: reason,
        withdrawal_requested_at: toClickHouseTime(Date.now()),
      }),
      { kind: 'withdrawal_requested', text: NOTICE_TEXTS.withdrawal_requested() },
    );
  }

  /** The desk completes it, optionally with a deletion date agreed with the participant (art. 16). */
  complete(participantId: string, agreed: AgreedDeletion | undefined, by: string): Promise<EndingSummary> {
    if (agreed) checkAgreedDate(agreed.date);
    return this.effects.end(
      participantId,
      'complete_withdrawal',
      'withdrawn',
      { reasonCode: 'withdrawal', note: '', agreed },
      by,
    );
  }
}
