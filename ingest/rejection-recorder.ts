import type { ErrorCode, ErrorMessage, EventRejection } from '../agent-protocol/index.js';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import type { DeviceIdentity, Row } from './event-rows.js';
import type { DeviceIsolation } from './device-isolation.js';
import type { IngestMetrics } from './metrics.js';
import { protocolError } from './protocol-replies.js';
import { rejectionRow, type Transport } from './rejection-rows.js';
import type { TableWriters } from './table-writers.js';

/**
 * What the gateway refuses is kept for operators (table rejected_messages), as a sample when a
 * device floods: each device has a budget of records (device-isolation.ts); beyond it a refusal is
 * only counted. A whole message refused also counts against the device's refused-message budget.
 */

/** A whole message refused: the reply's code and text, and what is recorded of it. */
export interface WholeMessageRefusal {
  code: ErrorCode;
  /** The message's `type` as sent ('' when it could not be read). */
  messageType: string;
  /** Echoed in the reply (and recorded) when known. */
  batchId: string | undefined;
  /** The field at fault ('' = the whole message). */
  field: string;
  /** The reply's message, also the recorded reason unless `recordedReason` is given. */
  reason: string;
  recordedReason?: string;
  /** What is kept of the message: its raw text, or a description of what could not be kept. */
  raw: string;
  /** The message's size when `raw` is a description of it (a binary frame): what the refusal weighs. */
  size?: number;
  /** More of the reply: `limit`, `retryAfterMs`, `issues`. */
  reply?: Partial<Pick<ErrorMessage, 'limit' | 'retryAfterMs' | 'issues'>>;
}

export class RejectionRecorder {
  constructor(
    private readonly writers: Pick<TableWriters, 'rejected'>,
    private readonly isolation: DeviceIsolation,
    private readonly metrics: IngestMetrics,
  ) {}

  /** Records a refused whole message (within the device's budget) and answers it. */
  async refuseWholeMessage(
    device: DeviceIdentity,
    transport: Transport,
    refusal: WholeMessageRefusal,
  ): Promise<ErrorMessage> {
    const { code, messageType, batchId, field, reason, recordedReason, raw, reply } = refusal;
    this.isolation.noteRefusedMessage(device.deviceId, refusal.size ?? raw.length);
    if (this.isolation.recordableRejections(device.deviceId, 1) > 0) {
      const rejection = {
        transport,
        messageType,
        batchId: batchId ?? '',
        eventIndex: -1,
        code,
        field,
        reason: recordedReason ?? reason,
        raw,
      };
      await this.writers.rejected.write([rejectionRow(device, rejection, toClickHouseTime(Date.now()))]);
    }
    return protocolError(code, reason, { batchId, ...reply });
  }

  /** Collects the rejected events of one batch: the ack's list and their records. */
  eventRejections(device: DeviceIdentity, transport: Transport, batchId: string, receivedAt: string): EventRejections {
    return new EventRejections(device, transport, batchId, receivedAt, this);
  }

  /** Writes a batch's rejection records; beyond the device's budget the rest are only counted. */
  writeSampled(device: DeviceIdentity, rows: Row[]): Promise<unknown> {
    const recordable = this.isolation.recordableRejections(device.deviceId, rows.length);
    return this.writers.rejected.write(rows.slice(0, recordable));
  }

  /** Writes rejection records whatever the budget: events refused by the engine after the batch was decided. */
  writeAll(rows: Row[]): Promise<unknown> {
    return this.writers.rejected.write(rows);
  }

  countRejectedEvent(category: string, code: string): void {
    this.metrics.eventsRejected.labels(category, code).inc();
  }
}

export class EventRejections {
  /** The ack's `rejected` list. */
  readonly list: EventRejection[] = [];
  /** Their rows in rejected_messages, in the order they were found. */
  readonly rows: Row[] = [];

  constructor(
    private readonly device: DeviceIdentity,
    private readonly transport: Transport,
    private readonly batchId: string,
    private readonly receivedAt: string,
    private readonly recorder: RejectionRecorder,
  ) {}

  /** Rejects one event; `recorded` is what is kept of it (its JSON, or the stored line the engine refused). */
  reject(category: string, recorded: string, rejection: EventRejection): Row {
    this.list.push(rejection);
    this.recorder.countRejectedEvent(category, rejection.code);
    const row = rejectionRow(
      this.device,
      {
        transport: this.transport,
        messageType: 'events',
        batchId: this.batchId,
        eventIndex: rejection.index,
        code: rejection.code,
        field: rejection.field,
        reason: rejection.message,
        raw: recorded,
      },
      this.receivedAt,
    );
    this.rows.push(row);
    return row;
  }

  /** The ack lists rejections by position in the batch (some are found after the batch was sorted). */
  sortByIndex(): void {
    this.list.sort((a, b) => a.index - b.index);
  }
}
