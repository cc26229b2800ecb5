import type { Logger } from 'pino';
import { ApiError } from '../api/errors.js';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import { jstDateOf } from '../common/jst-time.js';
import type { DeviceStore } from '../ingest/device-store.js';
import type { DeviceRevocation } from '../ingest/revocation.js';
import { NOTICE_TEXTS } from '../notices/notice-texts.js';
import type { AccountService } from './account-service.js';
import type { ParticipantRecord } from './participant-store.js';
import type { ParticipantUpdates } from './participant-updates.js';
import type { ParticipantStatus } from './rules/lifecycle.js';
import { accountStatusReason } from './rules/account-status-reasons.js';
import { deadlineOnLeaving } from './rules/participation-dates.js';
import { REVOCATION_REASONS, type RevocationReason } from './rules/reason-codes.js';

/** What every way of ending participation needs. */
export interface EndingDeps {
  updates: ParticipantUpdates;
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
export const LEFT_STATUSES: readonly ParticipantStatus[] = ['withdrawn', 'revoked', 'ended', 'rejected', 'lapsed'];

/** An agreed deletion date may not be in the past (JST). */
export function checkAgreedDate(date: string): void {
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

/** What an ending would do if it happened today (see EndingEffects.preview). */
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

export type EndingAction = 'complete_withdrawal' | 'revoke' | 'end_use';
export type EndedStatus = Extract<ParticipantStatus, 'withdrawn' | 'revoked' | 'ended'>;

/**
 * What every ending does (terms art. 6, 7, 9, 11, 12, 16, 19), in this order: the status changes first (its users
 * lose access on their next request), then its agents are revoked and told to uninstall, its enrollment secrets
 * stop, its accounts are suspended; the deadline to delete its data is recorded with the status.
 */
export class EndingEffects {
  constructor(private readonly deps: EndingDeps) {}

  /**
   * What ending today would do (art. 6, 16), shown before the participant asks and before the desk decides:
   * the agents told to uninstall, the accounts stopped, the deletion date.
   */
  async preview(participantId: string): Promise<EndingPreview> {
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

  async end(
    participantId: string,
    action: EndingAction,
    status: EndedStatus,
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
      {
        kind: status === 'revoked' ? 'participation_revoked' : 'participation_ended',
        text: endingNotice(status, why, deadline),
      },
    );
    const reasonText = accountStatusReason.participationEnded(status, why.reasonCode);
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

function endingNotice(status: EndedStatus, why: { reasonCode: string; note: string }, deadline: string) {
  const reason = REVOCATION_REASONS[why.reasonCode as RevocationReason];
  return status === 'revoked' && reason
    ? NOTICE_TEXTS.participation_revoked({ reason, note: why.note, deletionDeadline: deadline })
    : NOTICE_TEXTS.participation_ended({
        kind: status === 'withdrawn' ? 'withdrawn' : 'ended',
        deletionDeadline: deadline,
      });
}
