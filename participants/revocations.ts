import type { Logger } from 'pino';
import { ApiError } from '../api/errors.js';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { formatJst } from '../common/jst-time.js';
import { NOTICE_TEXTS } from '../notices/notice-texts.js';
import { effectAfterNotice } from '../notices/rules/deemed-delivery.js';
import type { EndingEffects, EndingSummary } from './ending-effects.js';
import type { ParticipantRecord } from './participant-store.js';
import type { ParticipantUpdates } from './participant-updates.js';
import { effectiveTime, revocationTimingProblem } from './rules/notice-periods.js';
import { REVOCATION_REASONS, type RevocationReason } from './rules/reason-codes.js';

/**
 * Art. 7 (and art. 3, revocation of an approval): at once when the reason allows it (emergency, organised crime),
 * otherwise announced, taking effect its period after the notice's deemed delivery (art. 21).
 */
export class Revocations {
  constructor(
    private readonly updates: ParticipantUpdates,
    private readonly effects: EndingEffects,
    private readonly logger: Logger,
  ) {}

  async revoke(
    participantId: string,
    options: { reasonCode: RevocationReason; withNotice: boolean; effectiveAt?: Date; note: string },
    by: string,
  ): Promise<EndingSummary | ParticipantRecord> {
    const problem = revocationTimingProblem(options.reasonCode, options.withNotice);
    if (problem) throw new ApiError(400, 'notice_required', problem);
    const timing = effectiveTime({ withNotice: options.withNotice, effectiveAt: options.effectiveAt, now: new Date() });
    if (!timing.ok) throw new ApiError(400, 'invalid_request', timing.problem);
    if (timing.immediate)
      return this.effects.end(
        participantId,
        'revoke',
        'revoked',
        { reasonCode: options.reasonCode, note: options.note },
        by,
      );
    // Art. 7 (1): the period runs from the notice's deemed delivery (art. 21), not from now. Until the
    // notice is delivered the time below is only the earliest possible one; delivery moves it.
    const periodSeconds = Math.round((timing.effectiveAt.getTime() - Date.now()) / 1000);
    return this.updates.apply(
      participantId,
      'revoke',
      by,
      (state) => ({
        ...state,
        pending_revocation_at: toClickHouseTime(timing.effectiveAt.getTime()),
        pending_revocation_reason: options.reasonCode,
        note: options.note,
      }),
      {
        kind: 'revocation_scheduled',
        text: NOTICE_TEXTS.revocation_scheduled({
          reason: REVOCATION_REASONS[options.reasonCode],
          periodDays: Math.round((periodSeconds / 86_400) * 10) / 10,
          expectedAt: `${formatJst(timing.effectiveAt)} (JST)`,
          note: options.note,
        }),
        options: { priorNoticeSeconds: periodSeconds },
      },
    );
  }

  /** The revocation notice was delivered: the revocation takes effect its period after that moment. */
  async noticeDelivered(participantId: string, effectiveAt: Date): Promise<void> {
    const participant = await this.updates.require(participantId);
    if (
      !participant.pending_revocation_at ||
      participant.pending_revocation_at === toClickHouseTime(effectiveAt.getTime())
    )
      return;
    await this.updates.apply(participantId, 'revoke', 'notices:delivered', (state) =>
      state.pending_revocation_at
        ? { ...state, pending_revocation_at: toClickHouseTime(effectiveAt.getTime()) }
        : state,
    );
  }

  /** When an announced revocation may take effect: its notice's period after delivery; undefined while undelivered. */
  private async effectOf(participantId: string): Promise<Date | undefined | 'no_notice'> {
    const notices = this.updates.notices;
    const notice = await notices.store.latestOfKind(participantId, 'revocation_scheduled');
    if (!notice || notice.prior_notice_seconds <= 0) return 'no_notice';
    return effectAfterNotice(await notices.deliveryFor(notice, participantId), notice.prior_notice_seconds);
  }

  /** Run by the job: revocations announced earlier whose time has come. */
  async applyDue(now: Date): Promise<number> {
    const due = await this.updates.store.idsWhere('due-revocations', now);
    let revoked = 0;
    for (const participantId of due) {
      const effect = await this.effectOf(participantId);
      if (effect === undefined) {
        // Not yet delivered (e.g. a letter not yet arrived, a mail the relay has not accepted): postponed.
        this.logger.info({ participantId }, 'revocation postponed: its notice has not been delivered');
        continue;
      }
      if (effect !== 'no_notice' && effect.getTime() > now.getTime()) {
        await this.noticeDelivered(participantId, effect);
        continue;
      }
      const participant = await this.updates.require(participantId);
      await this.effects.end(
        participantId,
        'revoke',
        'revoked',
        { reasonCode: participant.pending_revocation_reason || 'breach_of_terms', note: participant.note },
        'job:revocations',
      );
      revoked += 1;
    }
    return revoked;
  }
}
