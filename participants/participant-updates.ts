import type { Logger } from 'pino';
import { ApiError } from '../api/errors.js';
import type { NoticeKind, NoticeText } from '../notices/notice-texts.js';
import type { NoticeCentre, SendOptions } from '../notices/notice-centre.js';
import type { NoticeRecord } from '../notices/notice-store.js';
import type { ParticipantRecord, ParticipantState, ParticipantStore } from './participant-store.js';
import { transitionProblem, type LifecycleAction } from './rules/lifecycle.js';

/**
 * One lifecycle decision: read the participant, check the action is allowed from its status,
 * write the next version (compare-and-swap; on a lost race re-read and re-check), then record the
 * notice the decision owes. Every decision keeps who, when, why (reason code, note) in its version.
 */
const MAX_WRITE_ATTEMPTS = 4;

export class ParticipantUpdates {
  constructor(
    readonly store: ParticipantStore,
    readonly notices: NoticeCentre,
    private readonly logger: Logger,
  ) {}

  async require(participantId: string): Promise<ParticipantRecord> {
    const participant = await this.store.findParticipant(participantId);
    if (!participant) throw new ApiError(404, 'not_found', `No participant ${participantId}.`);
    return participant;
  }

  async apply(
    participantId: string,
    action: LifecycleAction,
    by: string,
    change: (state: ParticipantState, current: ParticipantRecord) => ParticipantState,
    notice?: { kind: NoticeKind; text: NoticeText; options?: SendOptions },
  ): Promise<ParticipantRecord> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await this.require(participantId);
      const problem = transitionProblem(current.status, action);
      if (problem) throw new ApiError(409, 'invalid_transition', problem);
      const {
        participant_id: _id,
        current_version: version,
        change_kind: _kind,
        created_at: _created,
        last_changed_at: _changed,
        ...state
      } = current;
      if (await this.store.writeParticipant(participantId, version + 1, change(state, current), action, by)) {
        const updated = await this.require(participantId);
        if (notice) await this.notify(updated, notice.kind, notice.text, by, notice.options);
        return updated;
      }
      this.logger.info({ participantId, action }, 'participant changed concurrently; re-checking on the newer version');
    }
    throw new ApiError(
      409,
      'conflict',
      'The participant was changed by someone else at the same time; reload and try again.',
    );
  }

  /** Sends the notice a decision owes through its channels (default web + e-mail, art. 21). */
  async notify(
    participant: ParticipantRecord,
    kind: NoticeKind,
    text: NoticeText,
    by: string,
    options?: SendOptions,
  ): Promise<NoticeRecord> {
    return this.notices.send(
      {
        audience: 'participant',
        participantId: participant.participant_id,
        email: participant.contact_email,
        postalAddress: participant.address,
      },
      kind,
      text,
      by,
      options,
    );
  }
}
