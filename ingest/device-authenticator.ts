import { hashesMatch, parseDeviceCredential } from './credentials.js';
import type { DeviceStore } from './device-store.js';
import type { DeviceIdentity } from './event-rows.js';

/**
 * Checks a device credential against the devices table, with a short cache so that HTTP batches
 * and reconnect storms do not each cost a query. Revocation drops the cache entry at once in this
 * process; other gateways notice within the revocation sweep interval (see ingest/revocation.ts).
 */
export type AuthResult =
  | { ok: true; device: DeviceIdentity }
  | {
      ok: false;
      code: 'unauthenticated' | 'invalid_credential' | 'credential_revoked';
      message: string;
      deviceId?: string;
      participantId?: string;
      uninstall?: boolean;
    };

interface CachedDevice {
  participantId: string;
  credentialHash: string;
  revokedReason: string | undefined;
  uninstall: boolean;
  fetchedAt: number;
}

const CACHE_MS = 30_000;

export class DeviceAuthenticator {
  private readonly cache = new Map<string, CachedDevice>();

  constructor(private readonly devices: DeviceStore) {}

  async authenticate(authorization: string | undefined): Promise<AuthResult> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) {
      return {
        ok: false,
        code: 'unauthenticated',
        message: 'Send the device credential as "Authorization: Bearer <credential>".',
      };
    }
    const parsed = parseDeviceCredential(token);
    if (!parsed)
      return {
        ok: false,
        code: 'invalid_credential',
        message: 'The device credential is malformed (expected ydc1.<deviceId>.<secret>).',
      };

    const device = await this.lookup(parsed.id);
    if (!device || !hashesMatch(device.credentialHash, parsed.secretHash)) {
      return {
        ok: false,
        code: 'invalid_credential',
        message: 'The device credential is unknown or has been replaced by a newer enrollment.',
      };
    }
    if (device.revokedReason !== undefined) {
      return {
        ok: false,
        code: 'credential_revoked',
        message: `The device was revoked: ${device.revokedReason || 'no reason given'}.`,
        deviceId: parsed.id,
        participantId: device.participantId,
        uninstall: device.uninstall,
      };
    }
    return { ok: true, device: { deviceId: parsed.id, participantId: device.participantId } };
  }

  forget(deviceId: string): void {
    this.cache.delete(deviceId);
  }

  private async lookup(deviceId: string): Promise<CachedDevice | undefined> {
    const cached = this.cache.get(deviceId);
    if (cached && Date.now() - cached.fetchedAt < CACHE_MS) return cached;
    const record = await this.devices.findDevice(deviceId);
    if (!record || !record.credential_hash) {
      this.cache.delete(deviceId);
      return undefined;
    }
    const entry: CachedDevice = {
      participantId: record.participant_id,
      credentialHash: record.credential_hash,
      revokedReason: record.status === 'revoked' ? record.status_reason : undefined,
      uninstall: Boolean(record.uninstall_requested),
      fetchedAt: Date.now(),
    };
    this.cache.set(deviceId, entry);
    return entry;
  }
}
