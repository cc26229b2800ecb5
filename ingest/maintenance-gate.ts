import type { DeviceIdentity } from './event-rows.js';

/**
 * The suspensions of the service in effect now (terms art. 8), as every transport sees them: while
 * one covers a device (fleet-wide, or its participant), that device's data batches are refused with a
 * retryable answer naming the end time, and an agent connecting mid-window is told to pause. The
 * participants domain decides when a suspension starts and ends and keeps this in step (`replace`).
 */
export interface SuspensionInEffect {
  suspensionId: string;
  /** null: every participant (a maintenance window). */
  participantId: string | null;
  /** null: until an operator ends it. */
  until: Date | null;
  /** Shown to agents and Collectors (Japanese first, as the notice says it). */
  reason: string;
}

export interface MaintenanceHold {
  until: Date | null;
  reason: string;
  /** How long a client should wait before trying again: until the end, at most an hour, at least a second. */
  retryAfterMs: number;
}

/** Without an announced end, clients ask again after this long. */
const OPEN_ENDED_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 3_600_000;

export class MaintenanceGate {
  private inEffect: readonly SuspensionInEffect[] = [];

  replace(suspensions: readonly SuspensionInEffect[]): void {
    this.inEffect = [...suspensions];
  }

  get current(): readonly SuspensionInEffect[] {
    return this.inEffect;
  }

  /** What holds this device's data now, or null. A suspension past its end holds nothing, even before the job ends it. */
  holdFor(device: Pick<DeviceIdentity, 'participantId'>, now = Date.now()): MaintenanceHold | null {
    const covering = this.inEffect.filter(
      (s) =>
        (s.participantId === null || s.participantId === device.participantId) &&
        (s.until === null || s.until.getTime() > now),
    );
    if (covering.length === 0) return null;
    const openEnded = covering.find((s) => s.until === null);
    const latest = openEnded ?? [...covering].sort((a, b) => b.until!.getTime() - a.until!.getTime())[0]!;
    const retryAfterMs = latest.until
      ? Math.min(LONGEST_RETRY_MS, Math.max(1000, latest.until.getTime() - now))
      : OPEN_ENDED_RETRY_MS;
    return { until: latest.until, reason: latest.reason, retryAfterMs };
  }
}

/** The words every transport answers with while a device's data is held. */
export function suspendedMessage(hold: MaintenanceHold): string {
  const end = hold.until ? `until ${hold.until.toISOString()}` : 'until the operator ends it';
  return `The service is suspended (terms art. 8) ${end}: ${hold.reason}. Nothing was accepted; keep the data and send it again after the end.`;
}
