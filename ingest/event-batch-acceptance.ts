import {
  DEFAULT_LIMITS,
  PROTOCOL_VERSION,
  eventsBatchEnvelope,
  logEvent,
  type LogEvent,
  type ServerMessage,
} from '../agent-protocol/index.js';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import type { DeviceIdentity } from './event-rows.js';
import { EventRowBinary, storedFieldsOf } from './event-row-binary.js';
import { RowBinaryBuffer } from './row-binary-buffer.js';
import { isValidEvent } from './event-validator.js';
import { firstLineOf } from './failure-replies.js';
import type { FirstWriteGuard, GuardedRow, GuardVerdict } from './first-write-guard.js';
import type { IngestLimits } from './limits.js';
import type { IngestMetrics } from './metrics.js';
import { invalidMessage } from './protocol-replies.js';
import type { EventRejections, RejectionRecorder } from './rejection-recorder.js';
import { categoryOf, type Transport } from './rejection-rows.js';
import type { TableWriters } from './table-writers.js';
import type { TokenBucketLimiter } from './token-bucket-limiter.js';
import {
  jsonForRecord,
  mayHoldLoneSurrogate,
  REPLACED_TEXT_ATTRIBUTE,
  replaceLoneSurrogatesIn,
} from './well-formed-text.js';
import type { WriterCapacity } from './writer-capacity.js';

/**
 * An `events` batch, from its parsed JSON to its ack: the envelope and the batch's limits, then each
 * event on its own (validated → its stored RowBinary row, or rejected), first write wins (first-write-guard.ts),
 * the writers, and the ack, sent only once every row of the batch is in the engine.
 *
 * Nothing awaited after the check holds the parsed batch or the raw text: both can be collected while the
 * insert is awaited (most of the gateway's garbage otherwise). The check itself yields between slices of a large
 * batch (EVENTS_PER_SLICE), holding it.
 */
/**
 * Events checked and turned into rows in one go. A larger batch yields to the event loop between slices, so that
 * other devices' frames, acks and inserts go on meanwhile: a device's 4 MiB batches (5,000 events) otherwise held
 * the main thread for their whole check at once, and every other agent's ack waited behind it (noisy-neighbour).
 * The agents' usual batches (500 events) take one slice.
 */
export const EVENTS_PER_SLICE = 500;

export interface EventBatchAcceptanceOptions {
  writers: Pick<TableWriters, 'events'>;
  guard: FirstWriteGuard;
  recorder: RejectionRecorder;
  capacity: WriterCapacity;
  rateLimiter: TokenBucketLimiter;
  limits: IngestLimits;
  metrics: IngestMetrics;
}

export class EventBatchAcceptance {
  /** Every batch's rows are written into the same chunks, in turn (EventRowBinary.row is synchronous). */
  private readonly rowBytes = new RowBinaryBuffer();

  constructor(private readonly options: EventBatchAcceptanceOptions) {}

  async accept(device: DeviceIdentity, parsed: object, raw: string, transport: Transport): Promise<ServerMessage> {
    const { limits, recorder, capacity } = this.options;
    const envelope = eventsBatchEnvelope.safeParse(parsed);
    if (!envelope.success) {
      const sentBatchId = (parsed as { batchId?: unknown }).batchId;
      const reply = invalidMessage(envelope.error, typeof sentBatchId === 'string' ? sentBatchId : undefined);
      return recorder.refuseWholeMessage(device, transport, {
        code: 'invalid_message',
        messageType: 'events',
        batchId: reply.batchId,
        field: reply.issues?.[0]?.path ?? '',
        reason: reply.message,
        raw,
        reply: { issues: reply.issues },
      });
    }
    const { batchId, events } = envelope.data;
    if (events.length > limits.maxEventsPerBatch) {
      return recorder.refuseWholeMessage(device, transport, {
        code: 'too_many_events',
        messageType: 'events',
        batchId,
        field: 'events',
        reason: `The batch holds ${events.length} events; the limit is ${limits.maxEventsPerBatch}. Split it.`,
        raw,
        reply: { limit: { name: 'maxEventsPerBatch', value: limits.maxEventsPerBatch } },
      });
    }
    if (!capacity.admits(transport)) return capacity.busyReply(batchId);
    const rate = this.options.rateLimiter.take(device.deviceId, events.length);
    if (!rate.allowed) {
      return recorder.refuseWholeMessage(device, transport, {
        code: 'rate_limited',
        messageType: 'events',
        batchId,
        field: '',
        reason: `The device is over its limit of ${limits.deviceEventsPerSecond} events per second; retry after ${rate.retryAfterMs} ms.`,
        recordedReason: 'over deviceEventsPerSecond',
        raw: '',
        reply: {
          retryAfterMs: rate.retryAfterMs,
          limit: { name: 'deviceEventsPerSecond', value: limits.deviceEventsPerSecond },
        },
      });
    }
    this.options.metrics.batchSize.observe(events.length);
    const receivedAtMs = Date.now();
    const rejections = recorder.eventRejections(device, transport, batchId, toClickHouseTime(receivedAtMs));
    const candidates = await this.candidates(device, events, mayHoldLoneSurrogate(raw), receivedAtMs, rejections);
    return this.store(device, transport, batchId, candidates, rejections);
  }

  /** Each event checked on its own: a valid one becomes its stored row, the others are rejected. */
  private async candidates(
    device: DeviceIdentity,
    events: unknown[],
    mayHoldLoneSurrogates: boolean,
    receivedAtMs: number,
    rejections: EventRejections,
  ): Promise<GuardedRow[]> {
    const now = Date.now();
    const oldest = now - DEFAULT_LIMITS.maxEventAgeDays * 86_400_000;
    const newest = now + DEFAULT_LIMITS.maxClockSkewSeconds * 1000;
    const rows = new EventRowBinary(device, receivedAtMs, this.rowBytes);
    const candidates: GuardedRow[] = [];
    for (let index = 0; index < events.length; index += 1) {
      if (index > 0 && index % EVENTS_PER_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
      const candidate = events[index];
      // The compiled validator decides (event-validator.ts); zod words the refusal of the few it refuses.
      if (!isValidEvent(candidate)) {
        const issue = logEvent.safeParse(candidate).error?.issues[0];
        rejections.reject(categoryOf(candidate), jsonForRecord(candidate), {
          index,
          code: 'invalid_event',
          field: issue?.path.join('.') ?? '',
          message: issue?.message ?? 'the event does not match its schema',
        });
        continue;
      }
      const timeMs = Date.parse(candidate.time);
      if (timeMs < oldest || timeMs > newest) {
        rejections.reject(candidate.category, jsonForRecord(candidate), {
          index,
          code: 'time_out_of_range',
          field: 'time',
          message: `time must lie between ${DEFAULT_LIMITS.maxEventAgeDays} days ago and ${DEFAULT_LIMITS.maxClockSkewSeconds / 3600} h ahead of the server clock`,
        });
        continue;
      }
      if (mayHoldLoneSurrogates) this.flagReplacedText(candidate);
      const row = rows.row(candidate, timeMs);
      candidates.push({ index, seq: candidate.seq, timeMs, category: candidate.category, row, event: candidate });
    }
    return candidates;
  }

  /** First write wins, then the writers; the ack counts what is stored or was stored before. */
  private async store(
    device: DeviceIdentity,
    transport: Transport,
    batchId: string,
    candidates: GuardedRow[],
    rejections: EventRejections,
  ): Promise<ServerMessage> {
    const { writers, recorder, metrics } = this.options;
    const { verdict, written } = await this.options.guard.admit(device, candidates, ({ fresh, conflicts }) => {
      for (const { candidate, fields, firstReceivedAt } of conflicts) {
        rejections.reject(candidate.category, jsonForRecord(candidate.event), {
          index: candidate.index,
          code: 'conflicting_resend',
          field: fields.join(','),
          message: `an event with this time and seq was first stored at ${firstReceivedAt} UTC with other content (${fields.join(', ')}); the first content stays`,
        });
      }
      for (const candidate of candidates) candidate.event = undefined;
      return Promise.all([
        writers.events.write(fresh.map((f) => f.row)),
        recorder.writeSampled(device, rejections.rows),
      ]);
    });
    const [stored] = written;
    if (verdict.duplicates.length > 0) metrics.duplicateEvents.labels(transport).inc(verdict.duplicates.length);
    if (verdict.conflicts.length > 0) metrics.conflictingResends.labels(transport).inc(verdict.conflicts.length);
    const refused = new Set(stored.refusedRows);
    if (refused.size > 0) {
      const notStored = stored.refusedRows.map((position) => {
        const { index, category, seq, timeMs } = verdict.fresh[position]!;
        // The batch as sent is gone by now, and the row is bytes: the record keeps the refused event's identity.
        const identity = JSON.stringify({ category, seq, time: toClickHouseTime(timeMs) });
        return rejections.reject(category, identity, {
          index,
          code: 'not_storable',
          field: '',
          message: `the storage engine refused this event for good: ${firstLineOf(stored.refusal?.cause)}`,
        });
      });
      await recorder.writeAll(notStored);
    }
    if (refused.size > 0 || verdict.conflicts.length > 0) rejections.sortByIndex();
    this.countAccepted(verdict, refused);
    const accepted = verdict.fresh.length - refused.size + verdict.duplicates.length;
    return { v: PROTOCOL_VERSION, type: 'ack', batchId, accepted, rejected: rejections.list };
  }

  private countAccepted(verdict: GuardVerdict, refused: Set<number>): void {
    const byCategory = new Map<string, number>();
    const count = (category: string) => byCategory.set(category, (byCategory.get(category) ?? 0) + 1);
    verdict.fresh.forEach(({ category }, position) => refused.has(position) || count(category));
    for (const { category } of verdict.duplicates) count(category);
    for (const [category, n] of byCategory) this.options.metrics.eventsAccepted.labels(category).inc(n);
  }

  /** Replaces lone surrogates in an accepted event and names the fields changed in an attribute (PROTOCOL.md §6.4). */
  private flagReplacedText(event: LogEvent): void {
    // Only the fields it stores: a key beyond them may nest without bound, and is never stored anyway.
    const changed = replaceLoneSurrogatesIn(
      event as unknown as Record<string, unknown>,
      storedFieldsOf(event.category),
    );
    if (changed.length === 0) return;
    event.attributes = { ...event.attributes, [REPLACED_TEXT_ATTRIBUTE]: changed.join(',').slice(0, 1024) };
    this.options.metrics.textReplaced.labels(event.category).inc();
  }
}
