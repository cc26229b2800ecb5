import type { Logger } from 'pino';
import { ApiError } from '../api/errors.js';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import type { DeviceStore } from '../ingest/device-store.js';
import type { DeviceRevocation } from '../ingest/revocation.js';
import { NOTICE_TEXTS } from '../notices/notice-texts.js';
import { effectAfterNotice } from '../notices/rules/deemed-delivery.js';
import type { AccountService } from './account-service.js';
import type { Applications, RegisteredDetails } from './applications.js';
import type { ParticipantRecord } from './participant-store.js';
import type { ParticipantUpdates } from './participant-updates.js';
import { formatJst, jstDateOf } from '../common/jst-time.js';
import { deadlineOnLeaving } from './rules/participation-dates.js';
import { effectiveTime, revocationTimingProblem } from './rules/notice-periods.js';
import { participantHasAccess, type ParticipantStatus } from './rules/lifecycle.js';
import { REVOCATION_REASONS, type RevocationReason } from './rules/reason-codes.js';

/**
 * How participation ends (terms art. 4, 6, 7, 9, 11, 12, 16, 19) and what every ending does:
 * the status changes first (its users lose access on their next request), then its agents are
 * revoked and told to uninstall, its enrollment secrets stop, its accounts are suspended and the
 * deadline to delete its data is recorded.
 */
export interface EndingDeps {
  updates: ParticipantUpdates;
  applications: Applications;
  accounts: AccountService;
  devices: DeviceStore;
  revocation: DeviceRevocation;
  retentionDays: number;
  logger: Logger;
}

/** Art. 16: a deletion date agreed with the participant, with whom on its side and when. */
export interface AgreedDeletion {
  date: string;
  agreedWith: string;
  agreedAt: Date;
}

/** Statuses after which the deletion job deletes the data once the deadline has come. */
const LEFT: readonly ParticipantStatus[] = ['withdrawn', 'revoked', 'ended', 'rejected', 'lapsed'];

function checkAgreedDate(date: string): void {
  const today = jstDateOf(new Date());
  if (date < today)
    throw new ApiError(
      400,
      'invalid_request',
      `The agreed deletion date ${date} is in the past (today is ${today} JST).`,
    );
}

export interface EndingSummary {
  participant: ParticipantRecord;
  devicesRevoked: number;
  secretsRevoked: number;
  accountsSuspended: number;
}

/** What an ending would do if it happened today (see endingPreview). */
export interface EndingPreview {
  participantId: string;
  status: ParticipantStatus;
  endDate: string;
  devicesToUninstall: number;
  accountsToStop: number;
  deletionDeadline: string;
  deletionBasis: 'default' | 'agreed';
  retentionDays: number;
  /** Where the notice of the decision goes by e-mail (it is also posted on the portal). */
  noticeTo: string;
}

export class ParticipationEnd {
  constructor(private readonly deps: EndingDeps) {}

  /** Art. 6: the participant asks to leave from its portal. */
  requestWithdrawal(participantId: string, reason: string, by: string): Promise<ParticipantRecord> {
    return this.deps.updates.apply(
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

  /**
   * What completing a withdrawal today would do (art. 6, 16), shown before the participant asks and
   * before the desk completes it: the agents told to uninstall, the accounts stopped, the deletion date.
   */
  async endingPreview(participantId: string): Promise<EndingPreview> {
    const current = await this.deps.updates.require(participantId);
    const endDate = jstDateOf(new Date());
    const { deadline, basis } = deadlineOnLeaving(current, endDate, this.deps.retentionDays);
    const devices = await this.deps.devices.listDevices(participantId);
    const accounts = await this.deps.accounts.listAccounts({ participantId });
    return {
      participantId,
      status: current.status,
      endDate,
      devicesToUninstall: devices.filter((d) => !(d.status === 'revoked' && d.uninstall_requested)).length,
      accountsToStop: accounts.filter((a) => a.status === 'active').length,
      deletionDeadline: deadline,
      deletionBasis: basis,
      retentionDays: this.deps.retentionDays,
      noticeTo: current.contact_email,
    };
  }

  /** Art. 6: the operator completes the withdrawal, optionally with a deletion date agreed with the participant (art. 16). */
  completeWithdrawal(participantId: string, agreed: AgreedDeletion | undefined, by: string): Promise<EndingSummary> {
    if (agreed) checkAgreedDate(agreed.date);
    return this.end(
      participantId,
      'complete_withdrawal',
      'withdrawn',
      { reasonCode: 'withdrawal', note: '', agreed },
      by,
    );
  }

  /**
   * Art. 16: record a deletion date agreed with the participant, at any time until the deadline in
   * force has passed (also in advance, while it still takes part); null returns to the default.
   */
  async setDeletionDeadline(
    participantId: string,
    agreed: AgreedDeletion | null,
    by: string,
  ): Promise<ParticipantRecord> {
    if (agreed) checkAgreedDate(agreed.date);
    const today = jstDateOf(new Date());
    return this.deps.updates.apply(
      participantId,
      'set_deletion_deadline',
      by,
      (state) => {
        // Once it left, the deletion job may run from the deadline day on: the date is settable only before it.
        if (state.deletion_deadline && state.deletion_deadline <= today && LEFT.includes(state.status)) {
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
        const end = LEFT.includes(state.status) ? state.end_date : null;
        return {
          ...state,
          deletion_deadline: end
            ? deadlineOnLeaving({ deletion_deadline: null, deletion_basis: '' }, end, this.deps.retentionDays).deadline
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

  /** Art. 7 (and art. 3, revocation of an approval): with prior notice, or at once when the reason allows it. */
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
      return this.end(participantId, 'revoke', 'revoked', { reasonCode: options.reasonCode, note: options.note }, by);
    // Art. 7 (1): the period runs from the notice's deemed delivery (art. 21), not from now. Until the
    // notice is delivered the time below is only the earliest possible one; delivery moves it.
    const periodSeconds = Math.round((timing.effectiveAt.getTime() - Date.now()) / 1000);
    return this.deps.updates.apply(
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
  async revocationNoticeDelivered(participantId: string, effectiveAt: Date): Promise<void> {
    const participant = await this.deps.updates.require(participantId);
    if (
      !participant.pending_revocation_at ||
      participant.pending_revocation_at === toClickHouseTime(effectiveAt.getTime())
    )
      return;
    await this.deps.updates.apply(participantId, 'revoke', 'notices:delivered', (state) =>
      state.pending_revocation_at
        ? { ...state, pending_revocation_at: toClickHouseTime(effectiveAt.getTime()) }
        : state,
    );
  }

  /** When an announced revocation may take effect: its notice's period after delivery; undefined while undelivered. */
  private async revocationEffect(participantId: string): Promise<Date | undefined | 'no_notice'> {
    const notices = this.deps.updates.notices;
    const notice = await notices.store.latestOfKind(participantId, 'revocation_scheduled');
    if (!notice || notice.prior_notice_seconds <= 0) return 'no_notice';
    return effectAfterNotice(await notices.deliveryFor(notice, participantId), notice.prior_notice_seconds);
  }

  /** Run by the job: revocations announced earlier whose time has come. */
  async applyDueRevocations(now: Date): Promise<number> {
    const due = await this.deps.updates.store.idsWhere('due-revocations', now);
    let revoked = 0;
    for (const participantId of due) {
      const effect = await this.revocationEffect(participantId);
      if (effect === undefined) {
        // Not yet delivered (e.g. a letter not yet arrived, a mail the relay has not accepted): postponed.
        this.deps.logger.info({ participantId }, 'revocation postponed: its notice has not been delivered');
        continue;
      }
      if (effect !== 'no_notice' && effect.getTime() > now.getTime()) {
        await this.revocationNoticeDelivered(participantId, effect);
        continue;
      }
      const participant = await this.deps.updates.require(participantId);
      await this.end(
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

  /** Art. 9, 19: on the participant's end date or the trial's, use ends for whoever still takes part. */
  async applyEndOfUse(now: Date): Promise<number> {
    const trial = await this.deps.updates.store.currentTrial();
    const due = await this.deps.updates.store.useEnded(jstDateOf(now), trial?.ends_on ?? null);
    for (const participantId of due)
      await this.end(participantId, 'end_use', 'ended', { reasonCode: 'end_of_use', note: '' }, 'job:end-of-use');
    return due.length;
  }

  /**
   * Art. 4: on a merger or split the successor takes over the participant's status. Its devices
   * move (their credentials keep working), its data stays where it is and becomes visible to the
   * successor through the succession record, its accounts stop (the successor's people get their own).
   */
  async recordSuccession(
    predecessorId: string,
    successor: { participantId: string } | { newOrganisation: RegisteredDetails },
    details: { kind: 'merger' | 'split'; effectiveOn: string; note: string },
    by: string,
  ): Promise<{ successionId: string; successorId: string; devicesMoved: number }> {
    const predecessor = await this.deps.updates.require(predecessorId);
    if (!participantHasAccess(predecessor.status))
      throw new ApiError(
        409,
        'invalid_transition',
        `The participant is "${predecessor.status}"; only a participant that takes part can be succeeded.`,
      );
    let successorId: string;
    if ('participantId' in successor) {
      if (successor.participantId === predecessorId)
        throw new ApiError(400, 'invalid_request', 'A participant cannot succeed itself.');
      const existing = await this.deps.updates.require(successor.participantId);
      if (!participantHasAccess(existing.status))
        throw new ApiError(409, 'invalid_transition', `The successor is "${existing.status}"; it must take part.`);
      successorId = existing.participant_id;
    } else {
      successorId = await this.deps.applications.registerDirectly(successor.newOrganisation, by);
    }
    const successionId = await this.deps.updates.store.recordSuccession({
      predecessorId,
      successorId,
      kind: details.kind,
      effectiveOn: details.effectiveOn,
      note: details.note,
      recordedBy: by,
    });
    const moved = await this.deps.devices.moveDevices(predecessorId, successorId, by);
    for (const deviceId of moved) this.deps.revocation.forgetCredential(deviceId);
    await this.deps.devices.revokeEnrollmentSecrets(predecessorId, by);
    const successorRecord = await this.deps.updates.require(successorId);
    await this.deps.updates.apply(
      predecessorId,
      'succeed',
      by,
      (state) => ({
        ...state,
        status: 'succeeded',
        successor_id: successorId,
        reason_code: details.kind,
        note: details.note,
      }),
      {
        kind: 'succession_recorded',
        text: NOTICE_TEXTS.succession_recorded({
          predecessor: predecessor.name,
          successor: successorRecord.name,
          kind: details.kind,
        }),
      },
    );
    await this.deps.accounts.suspendAllOf([predecessorId], `succeeded by ${successorRecord.name} (art. 4)`, by);
    await this.deps.updates.notify(
      successorRecord,
      'succession_recorded',
      NOTICE_TEXTS.succession_recorded({
        predecessor: predecessor.name,
        successor: successorRecord.name,
        kind: details.kind,
      }),
      by,
    );
    return { successionId, successorId, devicesMoved: moved.length };
  }

  private async end(
    participantId: string,
    action: 'complete_withdrawal' | 'revoke' | 'end_use',
    status: Extract<ParticipantStatus, 'withdrawn' | 'revoked' | 'ended'>,
    why: { reasonCode: string; note: string; agreed?: AgreedDeletion | undefined },
    by: string,
  ): Promise<EndingSummary> {
    const endDate = jstDateOf(new Date());
    const before = await this.deps.updates.require(participantId);
    const { deadline, basis } = deadlineOnLeaving(before, endDate, this.deps.retentionDays, why.agreed?.date);
    const agreement = why.agreed
      ? {
          deletion_agreed_with: why.agreed.agreedWith,
          deletion_agreed_at: toClickHouseTime(why.agreed.agreedAt.getTime()),
        }
      : {};
    const reason = REVOCATION_REASONS[why.reasonCode as RevocationReason];
    const text =
      status === 'revoked' && reason
        ? NOTICE_TEXTS.participation_revoked({ reason, note: why.note, deletionDeadline: deadline })
        : NOTICE_TEXTS.participation_ended({
            kind: status === 'withdrawn' ? 'withdrawn' : 'ended',
            deletionDeadline: deadline,
          });
    const participant = await this.deps.updates.apply(
      participantId,
      action,
      by,
      (state) => ({
        ...state,
        status,
        reason_code: why.reasonCode,
        note: why.note,
        end_date: state.end_date && state.end_date < endDate ? state.end_date : endDate,
        deletion_deadline: deadline,
        deletion_basis: basis,
        ...agreement,
        pending_revocation_at: null,
        pending_revocation_reason: '',
      }),
      { kind: status === 'revoked' ? 'participation_revoked' : 'participation_ended', text },
    );
    const reasonText = `participation ${status} (${why.reasonCode})`;
    let devicesRevoked = 0;
    for (const device of await this.deps.devices.listDevices(participantId)) {
      if (device.status === 'revoked' && device.uninstall_requested) continue;
      await this.deps.revocation.revoke(device.device_id, reasonText, by, true);
      devicesRevoked += 1;
    }
    const secretsRevoked = await this.deps.devices.revokeEnrollmentSecrets(participantId, by);
    const accountsSuspended = await this.deps.accounts.suspendAllOf([participantId], reasonText, by);
    this.deps.logger.info(
      { participantId, status, devicesRevoked, secretsRevoked, accountsSuspended, deletionDeadline: deadline },
      'participation ended',
    );
    return { participant, devicesRevoked, secretsRevoked, accountsSuspended };
  }
}
