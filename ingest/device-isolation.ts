import { TokenBucketLimiter } from './token-bucket-limiter.js';
import type { IngestLimits } from './limits.js';
import type { IngestMetrics } from './metrics.js';

/**
 * What one device may cost the gateway, so that a misbehaving one cannot slow the others:
 * - bytes read from it: a budget per second (a token bucket that may go into debt, since what was
 *   read cannot be unread); over WebSocket its socket is not read again until the debt is paid, so
 *   the device's excess waits in its own TCP buffers instead of costing the gateway decoding and
 *   parsing (read-scheduler.ts holds the socket);
 * - bytes of its messages being handled at once (over WebSocket the read scheduler keeps to it
 *   before reading more; over HTTP a message beyond it is refused);
 * - whole messages refused, weighed by size (one per 64 KiB started): beyond a small rate the
 *   device is answered `rate_limited` before its messages are parsed, and over WebSocket its socket
 *   is not read until it is back under that rate;
 * - rejection records written for operators: beyond a budget they are counted, not written
 *   (a sample of a flood is enough to see it, the flood itself is the metric);
 * - diagnostics: a few per minute, and each within its own size limit.
 * Each refusal is counted in `yorozu_device_refusals_total{reason}`.
 */
export type DeviceRefusal =
  | 'device_bytes_in_flight'
  | 'refused_messages_flood'
  | 'rejection_not_recorded'
  | 'diagnostics_rate'
  | 'diagnostics_too_large'
  | 'diagnostics_not_requested'
  | 'unknown_credential_cached';

/** A refused whole message weighs one refusal per this many characters started (so 1 MiB of refusals is 16). */
export const REFUSAL_WEIGHT_CHARS = 64 * 1024;

export class DeviceIsolation {
  private readonly bytesInFlight = new Map<string, number>();
  private readonly refusedMessages: TokenBucketLimiter;
  private readonly rejectionRecords: TokenBucketLimiter;
  private readonly diagnostics: TokenBucketLimiter;
  private readonly bytesRead: TokenBucketLimiter;

  constructor(
    private readonly limits: IngestLimits,
    private readonly metrics: IngestMetrics,
  ) {
    this.refusedMessages = new TokenBucketLimiter(
      limits.deviceRefusedMessagesPerSecond,
      limits.deviceRefusedMessagesBurst,
    );
    this.rejectionRecords = new TokenBucketLimiter(
      limits.deviceRejectionRecordsPerSecond,
      limits.deviceRejectionRecordsBurst,
    );
    this.bytesRead = new TokenBucketLimiter(limits.deviceReadBytesPerSecond, limits.deviceReadBurstBytes);
    this.diagnostics = new TokenBucketLimiter(
      limits.deviceDiagnosticsPerMinute / 60,
      limits.deviceDiagnosticsPerMinute,
    );
  }

  refused(reason: DeviceRefusal, count = 1): void {
    this.metrics.deviceRefusals.labels(reason).inc(count);
  }

  /** Starts handling `bytes` of the device; false (and nothing held) when it already holds its share. */
  holdBytes(deviceId: string, bytes: number): boolean {
    const held = this.bytesInFlight.get(deviceId) ?? 0;
    // One message always passes alone, whatever its size (the message limit bounds it).
    if (held > 0 && held + bytes > this.limits.deviceMaxBytesInFlight) {
      this.refused('device_bytes_in_flight');
      return false;
    }
    this.bytesInFlight.set(deviceId, held + bytes);
    return true;
  }

  releaseBytes(deviceId: string, bytes: number): void {
    const left = (this.bytesInFlight.get(deviceId) ?? 0) - bytes;
    if (left <= 0) this.bytesInFlight.delete(deviceId);
    else this.bytesInFlight.set(deviceId, left);
  }

  bytesHeld(deviceId: string): number {
    return this.bytesInFlight.get(deviceId) ?? 0;
  }

  /** ms the device must wait because it has had too many messages refused lately; 0 when it may send. */
  floodWait(deviceId: string): number {
    const wait = this.refusedMessages.waitFor(deviceId, 1);
    if (wait > 0) this.refused('refused_messages_flood');
    return wait;
  }

  /** ms the device's reading must wait for its refused messages (nothing counted: the gate above answers them). */
  refusedMessagesWait(deviceId: string): number {
    return this.refusedMessages.waitFor(deviceId, 1);
  }

  /** A whole message of the device was refused: it counts against its budget, one per 64 KiB started. */
  noteRefusedMessage(deviceId: string, chars: number): void {
    this.refusedMessages.spend(deviceId, Math.max(1, Math.ceil(chars / REFUSAL_WEIGHT_CHARS)));
  }

  /** `bytes` of the device were read: ms until it may be read again (0: now), its budget being in debt until then. */
  chargeRead(deviceId: string, bytes: number): number {
    return this.bytesRead.spend(deviceId, bytes);
  }

  /** ms until the device's read budget holds no debt; 0 when it may be read now. */
  readBudgetWait(deviceId: string): number {
    return this.bytesRead.debtWait(deviceId);
  }

  /** How many of `count` rejection records of the device may be written now (the rest are only counted). */
  recordableRejections(deviceId: string, count: number): number {
    let allowed = 0;
    while (allowed < count && this.rejectionRecords.take(deviceId, 1).allowed) allowed += 1;
    if (allowed < count) this.refused('rejection_not_recorded', count - allowed);
    return allowed;
  }

  /** ms until the device may send diagnostics again; 0 (and one taken) when it may now. */
  diagnosticsWait(deviceId: string): number {
    const result = this.diagnostics.take(deviceId, 1);
    if (result.allowed) return 0;
    this.refused('diagnostics_rate');
    return result.retryAfterMs;
  }
}
