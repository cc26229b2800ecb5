import { hashesMatch, parseDeviceCredential } from './credentials.js';
import { BatchedLookups, isUuid } from './batched-lookups.js';
import type { DeviceRecord, DeviceStore } from './device-store.js';
import type { DeviceIdentity } from './event-rows.js';

/**
 * Checks a device credential against the devices table, with a short cache so that HTTP batches
 * and reconnect storms do not each cost a query, and the lookups the caches cannot answer made one query
 * at a time, together (batched-lookups.ts), so that a storm of made-up credentials cannot load the database. Revocation drops the cache entry at once in this
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
/**
 * Unknown device ids are remembered too, for less long: 2,000 agents with a stale credential would
 * otherwise cost a query each on every reconnect. Enrollment here forgets the id at once; another
 * gateway learns of a new device within this time.
 */
const UNKNOWN_CACHE_MS = 10_000;
const MAX_UNKNOWN_CACHED = 100_000;

export type CredentialCheckSource = 'cache' | 'unknown_cache' | 'database';

export class DeviceAuthenticator {
  private readonly cache = new Map<string, CachedDevice>();
  private readonly unknown = new Map<string, number>();
  /** The database lookups, one query at a time (batched-lookups.ts). */
  readonly lookups: BatchedLookups<DeviceRecord>;

  constructor(
    devices: DeviceStore,
    private readonly observe: (source: CredentialCheckSource) => void = () => {},
  ) {
    this.lookups = new BatchedLookups(
      async (ids) => new Map((await devices.findDevices(ids)).map((record) => [record.device_id, record])),
    );
  }

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
    this.unknown.delete(deviceId);
  }

  private async lookup(deviceId: string): Promise<CachedDevice | undefined> {
    const cached = this.cache.get(deviceId);
    if (cached && Date.now() - cached.fetchedAt < CACHE_MS) {
      this.observe('cache');
      return cached;
    }
    const unknownSince = this.unknown.get(deviceId);
    if (unknownSince !== undefined && Date.now() - unknownSince < UNKNOWN_CACHE_MS) {
      this.observe('unknown_cache');
      return undefined;
    }
    this.observe('database');
    // Not a UUID: no such device, and it must not fail the others' query.
    const record = isUuid(deviceId) ? await this.lookups.lookup(deviceId) : undefined;
    if (!record || !record.credential_hash) {
      this.cache.delete(deviceId);
      if (this.unknown.size >= MAX_UNKNOWN_CACHED) this.unknown.delete(this.unknown.keys().next().value!);
      this.unknown.delete(deviceId);
      this.unknown.set(deviceId, Date.now());
      return undefined;
    }
    this.unknown.delete(deviceId);
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
