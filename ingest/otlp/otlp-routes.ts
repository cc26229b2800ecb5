import { suspendedMessage } from '../maintenance-gate.js';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { DeviceReadWait } from '../device-read-holds.js';
import type { DeviceStore } from '../device-store.js';
import type { IngestService } from '../ingest-service.js';
import type { TableWriters } from '../table-writers.js';
import { DeviceFacts } from './device-facts.js';
import { isRowRefusal } from './engine-row-refusals.js';
import { decodeLogsRequest, OtlpDecodeError, type OtlpEncoding } from './otlp-decode.js';
import { readOtlpBody } from './otlp-body.js';
import type { OtlpLimits } from './otlp-limits.js';
import type { OtlpMetrics } from './otlp-metrics.js';
import { prepareLogsRequest, type RecordRejection } from './otlp-records.js';
import { exportFailure, exportSuccess } from './otlp-responses.js';

/**
 * POST /v1/logs, OTLP/HTTP logs (specification: protocol/otlp.md, "OTLP/HTTP"). A 200 is sent only
 * after every stored row is in the engine, like an agent's ack; records refused one by one are
 * counted in partialSuccess and kept in rejected_messages. 429/503 carry Retry-After and the
 * Collector re-sends; the rows of a failed request that did reach the engine collapse with the
 * re-sent ones (seq and record_key are hashes of channel + record id).
 */
interface OtlpRouteOptions {
  ingest: IngestService;
  writers: TableWriters;
  devices: DeviceStore;
  limits: OtlpLimits;
  metrics: OtlpMetrics;
  logger: Logger;
  isStopping: () => boolean;
}

const ENCODINGS: Record<string, OtlpEncoding> = { 'application/x-protobuf': 'protobuf', 'application/json': 'json' };
const MAX_LISTED_REJECTIONS = 10;

export function otlpLogsRoutes(options: OtlpRouteOptions): Hono {
  const { ingest, limits, metrics, logger } = options;
  const facts = new DeviceFacts(options.devices, logger);
  const app = new Hono();

  app.post('/v1/logs', async (c) => {
    const contentType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const encoding = ENCODINGS[contentType];
    const refuse = (
      outcome: string,
      status: Parameters<typeof exportFailure>[2],
      message: string,
      retryAfter?: number,
    ) => {
      metrics.requests.labels(outcome).inc();
      return exportFailure(c, encoding ?? 'json', status, message, retryAfter);
    };
    if (!encoding)
      return refuse(
        'unsupported_media_type',
        415,
        `Content-Type ${JSON.stringify(contentType)} is not OTLP; send application/x-protobuf or application/json.`,
      );

    const auth = await ingest.authenticator.authenticate(c.req.header('authorization')).catch(() => undefined);
    if (!auth) return refuse('auth_unavailable', 503, 'The server could not check the credential; retry later.', 5);
    if (!auth.ok) {
      if (auth.code === 'credential_revoked') {
        const uninstall = auth.uninstall
          ? ' The participant has left: uninstall the Collector (agent/windows/uninstall.ps1).'
          : '';
        return refuse(
          'revoked',
          403,
          `${auth.message} Logs from this PC are no longer accepted; do not retry.${uninstall}`,
        );
      }
      return refuse(
        'unauthenticated',
        401,
        `${auth.message} Set it in the otlphttp exporter's headers (agent/windows/collector-config.yaml).`,
      );
    }
    if (options.isStopping())
      return refuse('shutting_down', 503, 'The server is shutting down; retry after the delay.', 1);
    // Art. 8: during a suspension a Collector keeps its queue and retries after the end (503 + Retry-After).
    const hold = ingest.maintenanceHold(auth.device);
    if (hold) return refuse('suspended', 503, suspendedMessage(hold), Math.ceil(hold.retryAfterMs / 1000));
    if (ingest.isBehind())
      return refuse(
        'busy',
        503,
        'The server is behind on writing to storage; nothing was accepted. Retry after the delay.',
        1,
      );

    // The device's own limits, before its body is read, as POST /v1/batches does (PROTOCOL.md §8).
    const owed = ingest.deviceReadWait(auth.device.deviceId);
    if (owed) return refuse(owed.reason, 429, owedMessage(owed), Math.max(1, Math.ceil(owed.waitMs / 1000)));

    const body = await readOtlpBody(c.req.raw, limits.maxBodyBytes, limits.maxDecompressedBytes);
    if (!body.ok)
      return refuse(
        body.status === 413 ? 'too_large' : body.status === 415 ? 'unsupported_encoding' : 'decode_error',
        body.status,
        body.message,
      );
    // What decoding will cost is the inflated size: that is what the read budget counts.
    ingest.chargeRead(auth.device.deviceId, body.bytes.length);
    let request;
    try {
      request = decodeLogsRequest(body.bytes, encoding);
    } catch (error) {
      if (error instanceof OtlpDecodeError)
        return refuse('decode_error', 400, `The request could not be decoded: ${error.message}`);
      throw error;
    }
    const prepared = prepareLogsRequest(auth.device, request, Date.now());
    if (prepared.total > limits.maxRecordsPerRequest) {
      return refuse(
        'too_many_records',
        413,
        `The request holds ${prepared.total} log records; the limit is ${limits.maxRecordsPerRequest} (INGEST_OTLP_MAX_RECORDS). Lower the batch processor's send_batch_max_size.`,
      );
    }
    const rate = ingest.rateLimiter.take(auth.device.deviceId, prepared.total);
    if (!rate.allowed)
      return refuse(
        'rate_limited',
        429,
        `The device is over its limit of ${ingest.limits.deviceEventsPerSecond} events per second.`,
        Math.max(1, Math.ceil(rate.retryAfterMs / 1000)),
      );

    const stored = await storeRecords(options.writers, prepared.records);
    if (stored.storageFailed) {
      logger.error({ err: stored.storageFailed, deviceId: auth.device.deviceId }, 'OTLP request not stored');
      return refuse(
        'storage_failed',
        503,
        'Storage is failing; this request was not acknowledged. Retry after the delay.',
        5,
      );
    }
    const rejections = [...prepared.rejections, ...stored.refused];
    try {
      await options.writers.rejected.write(rejections.map((rejection) => rejection.row));
    } catch (error) {
      logger.error({ err: error }, 'OTLP rejections not recorded');
      return refuse(
        'storage_failed',
        503,
        'Storage is failing; this request was not acknowledged. Retry after the delay.',
        5,
      );
    }
    countOutcome(metrics, prepared.records, stored.refusedIndexes, rejections.length);
    metrics.requests.labels(rejections.length > 0 ? 'partial' : 'accepted').inc();
    void facts.note(auth.device.deviceId, prepared.resource);
    return exportSuccess(c, encoding, rejections.length, describeRejections(rejections));
  });

  return app;
}

/** Why a PC is not read now: its read budget in debt, or its refused requests over their rate. */
function owedMessage(owed: DeviceReadWait): string {
  return owed.reason === 'refused_messages'
    ? `Too many requests of this PC were refused lately; nothing was read. Fix what the refusals named and retry after ${owed.waitMs} ms.`
    : `This PC sent more bytes than its read budget allows (INGEST_DEVICE_READ_BYTES_PER_SECOND); nothing was read. Retry after ${owed.waitMs} ms.`;
}

/** One write per record: the writer combines them into few inserts, and settles each alone. */
async function storeRecords(writers: TableWriters, records: ReturnType<typeof prepareLogsRequest>['records']) {
  const outcomes = await Promise.allSettled(records.map((record) => writers[record.table].write([record.row])));
  const refused: RecordRejection[] = [];
  const refusedIndexes = new Set<number>();
  let storageFailed: unknown;
  outcomes.forEach((outcome, position) => {
    if (outcome.status === 'fulfilled') return;
    const record = records[position]!;
    if (!isRowRefusal(outcome.reason)) {
      storageFailed ??= outcome.reason;
      return;
    }
    refusedIndexes.add(record.index);
    const message = `log record ${record.index} was refused by storage: ${(outcome.reason as Error).message.slice(0, 300)}`;
    const row = { ...record.row };
    refused.push({
      index: record.index,
      code: 'storage_refused',
      message,
      row: {
        participant_id: row.participant_id,
        device_id: row.device_id,
        received_at: row.received_at,
        transport: 'otlp',
        message_type: 'logs',
        batch_id: '',
        event_index: record.index,
        code: 'storage_refused',
        field: '',
        reason: message,
        raw: JSON.stringify(row).slice(0, 65536),
        raw_bytes: JSON.stringify(row).length,
        raw_truncated: 0,
      },
    });
  });
  return { refused, refusedIndexes, storageFailed };
}

function countOutcome(
  metrics: OtlpMetrics,
  records: ReturnType<typeof prepareLogsRequest>['records'],
  refusedIndexes: Set<number>,
  rejected: number,
): void {
  for (const record of records) {
    if (refusedIndexes.has(record.index)) continue;
    if (record.table === 'events') metrics.records.labels('mapped').inc();
    else {
      metrics.records.labels('kept').inc();
      metrics.windowsKept.labels(record.keptReason ?? 'unknown', String(record.eventId ?? '')).inc();
    }
  }
  if (rejected > 0) metrics.records.labels('rejected').inc(rejected);
}

function describeRejections(rejections: RecordRejection[]): string {
  if (rejections.length === 0) return '';
  const sorted = [...rejections].sort((a, b) => a.index - b.index);
  const listed = sorted.slice(0, MAX_LISTED_REJECTIONS).map((rejection) => `${rejection.code}: ${rejection.message}`);
  const more =
    sorted.length > MAX_LISTED_REJECTIONS
      ? `; and ${sorted.length - MAX_LISTED_REJECTIONS} more (rejected_messages holds every one)`
      : '';
  return `${rejections.length} log record(s) refused: ${listed.join('; ')}${more}`;
}
