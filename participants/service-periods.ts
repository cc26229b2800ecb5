import { randomUUID } from 'node:crypto';
import { ApiError } from '../api/errors.js';
import { fromClickHouseTime, toClickHouseTime } from '../common/clickhouse-time.js';
import type { DeviceStore } from '../ingest/device-store.js';
import type { MaintenanceGate } from '../ingest/maintenance-gate.js';
import type { WebSocketGateway } from '../ingest/websocket-gateway.js';
import { NOTICE_TEXTS } from '../notices/notice-texts.js';
import type { NoticeCentre } from '../notices/notice-centre.js';
import type { NoticeChannel } from '../notices/rules/deemed-delivery.js';
import { formatJst } from '../common/jst-time.js';
import type { ParticipantStore, ServiceSuspension, TrialPeriod } from './participant-store.js';
import { SERVICE_SUSPENSION_REASONS, type ServiceSuspensionReason } from './rules/reason-codes.js';
import { ARTICLE_8_GROUNDS, earliestPlannedStart } from './rules/suspension-lead-time.js';

/**
 * The trial's period (art. 1: it can move, participants are told; art. 19: the operator can stop
 * the whole trial) and suspensions of the service (art. 8: fleet-wide or for one participant,
 * announced ahead unless urgent; agents are told to keep their data and wait).
 */
export interface SuspensionRequest {
  participantId: string | null;
  reasonCode: ServiceSuspensionReason;
  note: string;
  urgent: boolean;
  startsAt?: Date;
  endsAt?: Date;
  /** Art. 21: how participants are told (default web + e-mail); a letter must arrive before the suspension starts. */
  channels?: readonly NoticeChannel[];
}

export class ServicePeriods {
  constructor(
    private readonly store: ParticipantStore,
    private readonly notices: NoticeCentre,
    private readonly devices: DeviceStore,
    private readonly gateway: WebSocketGateway,
    private readonly suspensions: {
      /** Art. 8 (2): business days a planned suspension is announced ahead (YOROZU_SUSPENSION_LEAD_BUSINESS_DAYS). */
      leadBusinessDays: number;
      /** What ingest refuses while a suspension is in effect; kept in step with the suspensions' states. */
      gate: MaintenanceGate | undefined;
    } = { leadBusinessDays: 0, gate: undefined },
  ) {}

  trial(): Promise<TrialPeriod | undefined> {
    return this.store.currentTrial();
  }

  async setTrial(startsOn: string, endsOn: string | null, note: string, by: string): Promise<TrialPeriod> {
    if (endsOn && endsOn < startsOn) throw new ApiError(400, 'invalid_request', 'endsOn must not be before startsOn.');
    await this.store.writeTrial(startsOn, endsOn, note, by);
    await this.notices.send(
      { audience: 'all_participants' },
      'trial_period_changed',
      NOTICE_TEXTS.trial_period_changed({ startsOn, endsOn, note }),
      by,
    );
    return (await this.store.currentTrial())!;
  }

  /** Art. 19: the operator stops the whole trial; it ends on lastDay and everyone is told it is stopped (中止), not merely moved. */
  async stopTrial(lastDay: string, reason: string, by: string): Promise<TrialPeriod> {
    const current = await this.store.currentTrial();
    const startsOn = current && current.starts_on <= lastDay ? current.starts_on : lastDay;
    await this.store.writeTrial(startsOn, lastDay, reason, by);
    await this.notices.send(
      { audience: 'all_participants' },
      'trial_stopped',
      NOTICE_TEXTS.trial_stopped({ lastDay, reason }),
      by,
    );
    return (await this.store.currentTrial())!;
  }

  async suspend(request: SuspensionRequest, by: string): Promise<ServiceSuspension> {
    const now = new Date();
    const startsAt = request.urgent ? now : request.startsAt;
    if (!startsAt || (!request.urgent && startsAt.getTime() <= now.getTime())) {
      throw new ApiError(
        400,
        'notice_required',
        'A planned suspension must start in the future so that participants are told ahead (art. 8); set urgent for an emergency.',
      );
    }
    if (!request.urgent) {
      const earliest = earliestPlannedStart(now, this.suspensions.leadBusinessDays);
      if (startsAt.getTime() < earliest.getTime())
        throw new ApiError(
          400,
          'notice_too_short',
          `A planned suspension is announced ${this.suspensions.leadBusinessDays} business days ahead (art. 8 (2)); the earliest start now is ${formatJst(earliest)} JST. Mark it urgent only for one of the grounds of art. 8 (1).`,
        );
    } else if (!ARTICLE_8_GROUNDS.includes(request.reasonCode)) {
      throw new ApiError(
        400,
        'urgent_reason_required',
        `An urgent suspension needs one of the grounds of art. 8 (1): ${ARTICLE_8_GROUNDS.join(', ')}.`,
      );
    }
    if (request.endsAt && request.endsAt.getTime() <= startsAt.getTime())
      throw new ApiError(400, 'invalid_request', 'endsAt must be after the start.');
    const suspension: ServiceSuspension = {
      suspension_id: randomUUID(),
      scope: request.participantId ? 'participant' : 'all',
      participant_id: request.participantId,
      reason_code: request.reasonCode,
      note: request.note,
      starts_at: toClickHouseTime(startsAt.getTime()),
      ends_at: request.endsAt ? toClickHouseTime(request.endsAt.getTime()) : null,
      urgent: request.urgent,
      status: 'scheduled',
    };
    await this.store.writeSuspension(suspension, by);
    const text = NOTICE_TEXTS.service_suspension({
      reason: SERVICE_SUSPENSION_REASONS[request.reasonCode],
      startsAt: `${formatJst(startsAt)} (JST)`,
      endsAt: request.endsAt ? `${formatJst(request.endsAt)} (JST)` : null,
      urgent: request.urgent,
      note: request.note,
    });
    const participant = request.participantId ? await this.store.findParticipant(request.participantId) : undefined;
    await this.notices.send(
      participant
        ? {
            audience: 'participant',
            participantId: participant.participant_id,
            email: participant.contact_email,
            postalAddress: participant.address,
          }
        : { audience: 'all_participants' },
      'service_suspension',
      text,
      by,
      // Art. 8 (2): a planned suspension keeps its announced lead time after the notice's delivery.
      {
        channels: request.channels,
        about: `suspension:${suspension.suspension_id}`,
        priorNoticeSeconds: request.urgent ? 0 : (startsAt.getTime() - now.getTime()) / 1000,
      },
    );
    if (request.urgent) await this.applyDue(now);
    return (await this.store.suspensions()).find((s) => s.suspension_id === suspension.suspension_id)!;
  }

  async endSuspension(suspensionId: string, by: string): Promise<ServiceSuspension> {
    const current = (await this.store.suspensions()).find((s) => s.suspension_id === suspensionId);
    if (!current) throw new ApiError(404, 'not_found', `No suspension ${suspensionId}.`);
    if (current.status === 'ended' || current.status === 'cancelled')
      throw new ApiError(409, 'invalid_transition', `The suspension is already ${current.status}.`);
    const status = current.status === 'scheduled' ? 'cancelled' : 'ended';
    await this.store.writeSuspension(
      { ...current, status, ends_at: current.ends_at ?? toClickHouseTime(Date.now()) },
      by,
    );
    await this.syncGate();
    if (status === 'ended') await this.tellAgents(current, 'resume');
    return { ...current, status };
  }

  /** Run by the job every minute: start what is due, end what has run out. */
  async applyDue(now: Date): Promise<{ started: number; ended: number }> {
    let started = 0;
    let ended = 0;
    for (const suspension of await this.store.suspensions(['scheduled', 'in_effect'])) {
      if (suspension.status === 'scheduled' && fromClickHouseTime(suspension.starts_at) <= now) {
        if (!(await this.noticeAllowsStart(suspension, now))) continue;
        await this.store.writeSuspension({ ...suspension, status: 'in_effect' }, 'job:service-suspensions');
        await this.tellAgents(suspension, 'pause');
        started += 1;
      } else if (
        suspension.status === 'in_effect' &&
        suspension.ends_at &&
        fromClickHouseTime(suspension.ends_at) <= now
      ) {
        await this.store.writeSuspension({ ...suspension, status: 'ended' }, 'job:service-suspensions');
        await this.tellAgents(suspension, 'resume');
        ended += 1;
      }
    }
    await this.syncGate(now);
    return { started, ended };
  }

  /** Ingest refuses data while a suspension is in effect: it is told which ones are, now and after each change. */
  async syncGate(now = new Date()): Promise<void> {
    const gate = this.suspensions.gate;
    if (!gate) return;
    const inEffect = (await this.store.suspensions(['in_effect'])).filter(
      (s) => !s.ends_at || fromClickHouseTime(s.ends_at) > now,
    );
    gate.replace(
      inEffect.map((s) => ({
        suspensionId: s.suspension_id,
        participantId: s.scope === 'all' ? null : s.participant_id,
        until: s.ends_at ? fromClickHouseTime(s.ends_at) : null,
        reason: SERVICE_SUSPENSION_REASONS[s.reason_code as ServiceSuspensionReason]?.ja ?? s.reason_code,
      })),
    );
  }

  /** A planned suspension starts only once its notice was delivered and the announced lead time has run since (art. 8 (2), 21). */
  private async noticeAllowsStart(suspension: ServiceSuspension, now: Date): Promise<boolean> {
    if (suspension.urgent) return true;
    const effect = await this.notices.effectOf(`suspension:${suspension.suspension_id}`, suspension.participant_id);
    return effect === 'no_notice' || (effect !== undefined && effect.getTime() <= now.getTime());
  }

  /** Art. 8: how far ahead a planned suspension announced now may start, and the grounds an urgent one needs. */
  leadTime(now = new Date()): { leadBusinessDays: number; earliestPlannedStart: string; urgentGrounds: string[] } {
    return {
      leadBusinessDays: this.suspensions.leadBusinessDays,
      earliestPlannedStart: earliestPlannedStart(now, this.suspensions.leadBusinessDays).toISOString(),
      urgentGrounds: [...ARTICLE_8_GROUNDS],
    };
  }

  list(): Promise<ServiceSuspension[]> {
    return this.store.suspensions();
  }

  private async tellAgents(suspension: ServiceSuspension, kind: 'pause' | 'resume'): Promise<void> {
    const command =
      kind === 'pause'
        ? {
            kind: 'pause' as const,
            reason:
              SERVICE_SUSPENSION_REASONS[suspension.reason_code as ServiceSuspensionReason]?.ja ??
              suspension.reason_code,
            ...(suspension.ends_at ? { until: fromClickHouseTime(suspension.ends_at).toISOString() } : {}),
          }
        : { kind: 'resume' as const };
    if (suspension.scope === 'all') {
      this.gateway.broadcastCommand(command);
      return;
    }
    for (const device of await this.devices.listDevices(suspension.participant_id ?? undefined))
      this.gateway.sendCommand(device.device_id, command);
  }
}
