import { createHash } from 'node:crypto';
import { DEFAULT_LIMITS, logEvent } from '../../agent-protocol/index.js';
import {
  mapWindowsEvent,
  windowsEventFromReceiverBody,
  WindowsEventShapeError,
  windowsTime,
  type WindowsEvent,
} from '../../agent-protocol/windows/index.js';
import { toClickHouseTime } from '../../common/clickhouse-time.js';
import { eventRow, type DeviceIdentity, type Row } from '../event-rows.js';
import { rejectionRow } from '../rejection-rows.js';
import type { OtlpExportLogsRequest, OtlpLogRecord } from './otlp-proto.js';
import { nanosToMillis, plainAttributes, plainValue } from './otlp-values.js';

/**
 * One OTLP request → the rows it stores: mapped Windows events for `events`, everything else for
 * `windows_events_kept`, and a rejection (with its rejected_messages row) for each record refused
 * alone. Pure: no I/O, so every record's fate is decided before anything is written.
 */
export interface PreparedRecord {
  /** Position among all log records of the request (what partialSuccess counts). */
  index: number;
  table: 'events' | 'windowsKept';
  row: Row;
  /** Category for mapped events; for kept records the reason, and the Windows event id when there is one. */
  category?: string;
  keptReason?: string;
  eventId?: number;
}
export interface RecordRejection {
  index: number;
  code: string;
  message: string;
  row: Row;
}
export interface PreparedRequest {
  records: PreparedRecord[];
  rejections: RecordRejection[];
  total: number;
  resource: Record<string, unknown>;
}

// A lone UTF-16 surrogate cannot be written as UTF-8: the engine would store something else than was sent.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const KEPT_BODY_BYTES = 64 * 1024;

export function prepareLogsRequest(
  device: DeviceIdentity,
  request: OtlpExportLogsRequest,
  nowMs: number,
): PreparedRequest {
  const receivedAt = toClickHouseTime(nowMs);
  const oldest = nowMs - DEFAULT_LIMITS.maxEventAgeDays * 86_400_000;
  const newest = nowMs + DEFAULT_LIMITS.maxClockSkewSeconds * 1000;
  const out: PreparedRequest = { records: [], rejections: [], total: 0, resource: {} };
  for (const resourceLogs of request.resourceLogs ?? []) {
    const resource = plainAttributes(resourceLogs.resource?.attributes);
    if (Object.keys(out.resource).length === 0) out.resource = resource;
    for (const scopeLogs of resourceLogs.scopeLogs ?? []) {
      for (const record of scopeLogs.logRecords ?? []) {
        const index = out.total++;
        const reject = (code: string, message: string) =>
          out.rejections.push({
            index,
            code,
            message,
            row: rejectionRow(
              device,
              {
                transport: 'otlp',
                messageType: 'logs',
                batchId: '',
                eventIndex: index,
                code,
                field: 'body',
                reason: message,
                raw: safeJson(record),
              },
              receivedAt,
            ),
          });
        const body = plainValue(record.body);
        const attributes = plainAttributes(record.attributes);
        const serialised = JSON.stringify({ body, attributes });
        if (hasLoneSurrogate(body) || hasLoneSurrogate(attributes)) {
          reject(
            'invalid_text',
            `log record ${index} holds a lone UTF-16 surrogate, which is not text; it was not stored`,
          );
          continue;
        }
        const recordTimeMs = nanosToMillis(record.timeUnixNano) ?? nanosToMillis(record.observedTimeUnixNano) ?? nowMs;
        let windows: WindowsEvent | undefined;
        if (looksLikeWindowsEvent(body)) {
          try {
            windows = windowsEventFromReceiverBody(body);
          } catch (error) {
            if (!(error instanceof WindowsEventShapeError)) throw error;
            reject('invalid_windows_event', `log record ${index} looks like a Windows event but ${error.message}`);
            continue;
          }
        }
        const timeMs = Date.parse(windowsTime(windows?.time) ?? new Date(recordTimeMs).toISOString());
        if (!(timeMs >= oldest && timeMs <= newest)) {
          reject(
            'time_out_of_range',
            `log record ${index}: time must lie between ${DEFAULT_LIMITS.maxEventAgeDays} days ago and ${DEFAULT_LIMITS.maxClockSkewSeconds / 3600} h ahead of the server clock`,
          );
          continue;
        }
        const seq = recordKey(windows, serialised, timeMs);
        const outcome = windows ? mapWindowsEvent(windows, new Date(timeMs).toISOString()) : undefined;
        if (outcome?.kind === 'mapped') {
          const parsed = logEvent.safeParse({ ...outcome.event, seq });
          if (!parsed.success) {
            const issue = parsed.error.issues[0]!;
            reject(
              'invalid_event',
              `log record ${index} (${windows!.channel} ${windows!.eventId}) maps to an invalid ${outcome.rule.category} event: ${issue.path.join('.')}: ${issue.message}`,
            );
            continue;
          }
          out.records.push({
            index,
            table: 'events',
            row: eventRow(device, parsed.data, timeMs, receivedAt),
            category: parsed.data.category,
            eventId: windows!.eventId,
          });
          continue;
        }
        const keptReason = outcome?.kind === 'kept' ? outcome.reason : 'not_windows';
        out.records.push({
          index,
          table: 'windowsKept',
          row: keptRow(device, record, windows, body, attributes, { seq, timeMs, receivedAt, keptReason }),
          keptReason,
          eventId: windows?.eventId,
        });
      }
    }
  }
  return out;
}

function hasLoneSurrogate(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (depth > 32 || typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, entry]) => LONE_SURROGATE.test(key) || hasLoneSurrogate(entry, depth + 1));
}

function looksLikeWindowsEvent(body: unknown): boolean {
  if (typeof body === 'string') return body.trimStart().startsWith('<Event');
  return typeof body === 'object' && body !== null && 'event_id' in body && 'channel' in body;
}

/**
 * The event's `seq`: a stable 53-bit hash, so a record the Collector re-sends gets the same
 * (device, time, seq) and collapses under ReplacingMergeTree like an agent's re-sent event.
 * Windows events are identified by channel + EventRecordID; other records by their content.
 */
function recordKey(windows: WindowsEvent | undefined, serialised: string, timeMs: number): number {
  const identity =
    windows?.recordId !== undefined
      ? `windows\u0000${windows.channel}\u0000${windows.recordId}`
      : `record\u0000${timeMs}\u0000${serialised}`;
  const digest = createHash('sha256').update(identity).digest();
  return Number(digest.readBigUInt64BE(0) >> 11n);
}

function keptRow(
  device: DeviceIdentity,
  record: OtlpLogRecord,
  windows: WindowsEvent | undefined,
  body: unknown,
  attributes: Record<string, unknown>,
  { seq, timeMs, receivedAt, keptReason }: { seq: number; timeMs: number; receivedAt: string; keptReason: string },
): Row {
  const bodyText = typeof body === 'string' ? body : safeJson(body);
  const bytes = Buffer.byteLength(bodyText);
  return {
    participant_id: device.participantId,
    device_id: device.deviceId,
    time: toClickHouseTime(timeMs),
    received_at: receivedAt,
    record_key: seq,
    reason: keptReason,
    channel: windows?.channel ?? '',
    provider: windows?.provider ?? '',
    event_id: windows?.eventId ?? 0,
    record_id: windows?.recordId ?? 0,
    computer: windows?.computer ?? '',
    message: windows?.message || record.severityText || '',
    event_data: { ...windows?.data, ...prefixed('userData.', windows?.userData?.data) },
    attributes: Object.fromEntries(
      Object.entries(attributes).map(([key, value]) => [key, typeof value === 'string' ? value : safeJson(value)]),
    ),
    body: bytes > KEPT_BODY_BYTES ? Buffer.from(bodyText).subarray(0, KEPT_BODY_BYTES).toString('utf8') : bodyText,
    body_truncated: bytes > KEPT_BODY_BYTES ? 1 : 0,
  };
}

const prefixed = (prefix: string, values: Record<string, string> | undefined) =>
  Object.fromEntries(Object.entries(values ?? {}).map(([key, value]) => [`${prefix}${key}`, value]));

function safeJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, entry: unknown) =>
      typeof entry === 'bigint'
        ? entry.toString()
        : entry instanceof Uint8Array
          ? Buffer.from(entry).toString('base64')
          : entry,
    ) ?? ''
  );
}
