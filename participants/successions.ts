import { ApiError } from '../api/errors.js';
import type { DeviceStore } from '../ingest/device-store.js';
import type { DeviceRevocation } from '../ingest/revocation.js';
import { NOTICE_TEXTS } from '../notices/notice-texts.js';
import type { AccountService } from './account-service.js';
import type { Applications, RegisteredDetails } from './applications.js';
import type { ParticipantUpdates } from './participant-updates.js';
import { accountStatusReason } from './rules/account-status-reasons.js';
import { participantHasAccess } from './rules/lifecycle.js';

export interface SuccessionDeps {
  updates: ParticipantUpdates;
  applications: Applications;
  accounts: AccountService;
  devices: DeviceStore;
  revocation: DeviceRevocation;
}

/**
 * Art. 4: on a merger or split the successor takes over the participant's status. Its devices move (their
 * credentials keep working), its data stays where it is and becomes visible to the successor through the succession
 * record, its accounts stop (the successor's people get their own). Art. 5: there is no other transfer.
 */
export class Successions {
  constructor(private readonly deps: SuccessionDeps) {}

  async record(
    predecessorId: string,
    successor: { participantId: string } | { newOrganisation: RegisteredDetails },
    details: { kind: 'merger' | 'split'; effectiveOn: string; note: string },
    by: string,
  ): Promise<{ successionId: string; successorId: string; devicesMoved: number }> {
    const { updates, devices, accounts } = this.deps;
    const predecessor = await updates.require(predecessorId);
    if (!participantHasAccess(predecessor.status))
      throw new ApiError(
        409,
        'invalid_transition',
        `The participant is "${predecessor.status}"; only a participant that takes part can be succeeded.`,
      );
    const successorId = await this.successorIdOf(predecessorId, successor, by);
    const successionId = await updates.store.recordSuccession({
      predecessorId,
      successorId,
      kind: details.kind,
      effectiveOn: details.effectiveOn,
      note: details.note,
      recordedBy: by,
    });
    const moved = await devices.moveDevices(predecessorId, successorId, by);
    for (const deviceId of moved) this.deps.revocation.forgetCredential(deviceId);
    await devices.revokeEnrollmentSecrets(predecessorId, by);
    const successorRecord = await updates.require(successorId);
    const text = NOTICE_TEXTS.succession_recorded({
      predecessor: predecessor.name,
      successor: successorRecord.name,
      kind: details.kind,
    });
    await updates.apply(
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
      { kind: 'succession_recorded', text },
    );
    await accounts.suspendAllOf([predecessorId], accountStatusReason.succeeded(successorRecord.name), by);
    await updates.notify(successorRecord, 'succession_recorded', text, by);
    return { successionId, successorId, devicesMoved: moved.length };
  }

  /** An existing participant that takes part (never the predecessor itself), or a new one registered now. */
  private async successorIdOf(
    predecessorId: string,
    successor: { participantId: string } | { newOrganisation: RegisteredDetails },
    by: string,
  ): Promise<string> {
    if (!('participantId' in successor)) return this.deps.applications.registerDirectly(successor.newOrganisation, by);
    if (successor.participantId === predecessorId)
      throw new ApiError(400, 'invalid_request', 'A participant cannot succeed itself.');
    const existing = await this.deps.updates.require(successor.participantId);
    if (!participantHasAccess(existing.status))
      throw new ApiError(409, 'invalid_transition', `The successor is "${existing.status}"; it must take part.`);
    return existing.participant_id;
  }
}
