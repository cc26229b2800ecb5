import { TokenBucketLimiter } from './token-bucket-limiter.js';
import type { IngestLimits } from './limits.js';
import type { IngestMetrics } from './metrics.js';

/**
 * What one device may cost the gateway, so that a misbehaving one cannot slow the others:
 * - bytes of its messages being handled at once (its TCP window does the rest over WebSocket);
 * - whole messages refused: beyond a small rate the device is answered `rate_limited` before its
 *   messages are even parsed;
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

export class DeviceIsolation {
  private readonly bytesInFlight = new Map<string, number>();
  private readonly refusedMessages: TokenBucketLimiter;
  private readonly rejectionRecords: TokenBucketLimiter;
  private readonly diagnostics: TokenBucketLimiter;

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

  /** A whole message of the device was refused: it counts against its budget. */
  noteRefusedMessage(deviceId: string): void {
    this.refusedMessages.take(deviceId, 1);
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
