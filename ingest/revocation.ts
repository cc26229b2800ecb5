import type { Logger } from 'pino';
import { changeTimeNow } from '../common/clickhouse-time.js';
import type { DeviceAuthenticator } from './device-authenticator.js';
import type { DeviceRecord, DeviceStore } from './device-store.js';
import type { WebSocketGateway } from './websocket-gateway.js';

/**
 * Revoking a device: the revoked version is written first, then this process forgets the cached
 * credential and closes the device's open connection with the reason. Revocations written by
 * another process (another gateway, or the CLI against a server) are found by a periodic sweep.
 */
export class DeviceRevocation {
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweptUntil = changeTimeNow();

  constructor(
    private readonly store: DeviceStore,
    private readonly authenticator: DeviceAuthenticator,
    private readonly gateway: WebSocketGateway,
    private readonly logger: Logger,
  ) {}

  /** `uninstall`: the participant left, so the agent is also told to remove itself (now, or when it next calls). */
  async revoke(
    deviceId: string,
    reason: string,
    revokedBy: string,
    uninstall = false,
  ): Promise<{ device: DeviceRecord; connectionClosed: boolean } | undefined> {
    const device = await this.store.revokeDevice(deviceId, reason, revokedBy, uninstall);
    if (!device) return undefined;
    this.authenticator.forget(deviceId);
    const connectionClosed = this.gateway.closeRevoked(deviceId, reason, uninstall);
    this.logger.info({ deviceId, reason, revokedBy, connectionClosed, uninstall }, 'device revoked');
    return { device, connectionClosed };
  }

  /** The device's participant changed (succession): the next call reads it afresh. */
  forgetCredential(deviceId: string): void {
    this.authenticator.forget(deviceId);
  }

  startSweep(intervalMs: number): void {
    this.sweepTimer = setInterval(
      () => void this.sweep().catch((error) => this.logger.warn({ err: error }, 'revocation sweep failed')),
      intervalMs,
    );
    this.sweepTimer.unref();
  }

  stopSweep(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
  }

  async sweep(): Promise<number> {
    const since = this.sweptUntil;
    this.sweptUntil = changeTimeNow();
    const revoked = await this.store.revokedSince(since);
    for (const { device_id, status_reason, uninstall_requested } of revoked) {
      this.authenticator.forget(device_id);
      this.gateway.closeRevoked(device_id, status_reason, Boolean(uninstall_requested));
    }
    return revoked.length;
  }
}
