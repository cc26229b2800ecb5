import { ApiError } from '../api/errors.js';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { jstDateOf } from '../common/jst-time.js';
import { NOTICE_TEXTS } from '../notices/notice-texts.js';
import { checkAgreedDate, LEFT_STATUSES, type AgreedDeletion } from './ending-effects.js';
import type { ParticipantRecord } from './participant-store.js';
import type { ParticipantUpdates } from './participant-updates.js';
import { deadlineOnLeaving } from './rules/participation-dates.js';

/** Art. 16: the date by which a participant's data is deleted, by default or as agreed with it. */
export class DeletionDeadlines {
  constructor(
    private readonly updates: ParticipantUpdates,
    private readonly retentionDays: number,
  ) {}

  /**
   * Records a date agreed with the participant, at any time until the deadline in force has passed (also in
   * advance, while it still takes part); null returns to the default.
   */
  set(participantId: string, agreed: AgreedDeletion | null, by: string): Promise<ParticipantRecord> {
    if (agreed) checkAgreedDate(agreed.date);
    const today = jstDateOf(new Date());
    return this.updates.apply(
      participantId,
      'set_deletion_deadline',
      by,
      (state) => {
        const left = LEFT_STATUSES.includes(state.status);
        // Once it left, the deletion job may run from the deadline day on: the date is settable only before it.
        if (state.deletion_deadline && state.deletion_deadline <= today && left) {
          throw new ApiError(
            409,
            'deletion_deadline_passed',
            `The deletion deadline ${state.deletion_deadline} has come; the data is being deleted and the date can no longer change.`,
          );
        }
        if (agreed)
          return {
            ...state,
            deletion_deadline: agreed.date,
            deletion_basis: 'agreed',
            deletion_agreed_with: agreed.agreedWith,
            deletion_agreed_at: toClickHouseTime(agreed.agreedAt.getTime()),
          };
        // Back to the default: counted from the end for whoever left, none yet for whoever still takes part.
        const end = left ? state.end_date : null;
        return {
          ...state,
          deletion_deadline: end
            ? deadlineOnLeaving({ deletion_deadline: null, deletion_basis: '' }, end, this.retentionDays).deadline
            : null,
          deletion_basis: end ? 'default' : '',
          deletion_agreed_with: '',
          deletion_agreed_at: null,
        };
      },
      {
        kind: 'deletion_deadline_set',
        text: NOTICE_TEXTS.deletion_deadline_set({
          deadline: agreed?.date ?? null,
          agreedWith: agreed?.agreedWith ?? '',
        }),
      },
    );
  }
}
