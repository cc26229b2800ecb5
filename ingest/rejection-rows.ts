import type { DeviceIdentity, Row } from './event-rows.js';

/** What the gateway refused, as rows an operator can read (table rejected_messages). */
export type Transport = 'websocket' | 'http' | 'otlp';

const RAW_KEEP_BYTES = 64 * 1024;

export function categoryOf(candidate: unknown): string {
  const category = (candidate as { category?: unknown } | null)?.category;
  return typeof category === 'string' && category.length <= 32 ? category : 'unknown';
}

export interface Rejection {
  transport: Transport;
  messageType: string;
  batchId: string;
  /** Position of the event in its batch; -1 when the whole message was refused. */
  eventIndex: number;
  code: string;
  field: string;
  reason: string;
  raw: string;
}

/** A row of rejected_messages: what was refused, why, and the raw payload (first 64 KiB). */
export function rejectionRow(
  device: DeviceIdentity,
  { transport, messageType, batchId, eventIndex, code, field, reason, raw }: Rejection,
  receivedAt: string,
): Row {
  const rawBytes = Buffer.byteLength(raw);
  const kept = rawBytes > RAW_KEEP_BYTES ? Buffer.from(raw).subarray(0, RAW_KEEP_BYTES).toString('utf8') : raw;
  return {
    participant_id: device.participantId,
    device_id: device.deviceId,
    received_at: receivedAt,
    transport,
    message_type: messageType,
    batch_id: batchId,
    event_index: eventIndex,
    code,
    field,
    reason,
    raw: kept,
    raw_bytes: rawBytes,
    raw_truncated: rawBytes > RAW_KEEP_BYTES ? 1 : 0,
  };
}
