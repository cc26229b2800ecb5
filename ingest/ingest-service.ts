import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import {
  DEFAULT_AGENT_CONFIG,
  DEFAULT_LIMITS,
  PROTOCOL_VERSION,
  agentMessage,
  eventsBatchEnvelope,
  logEvent,
  type AgentConfig,
  type AgentMessage,
  type AgentMessageType,
  type EventRejection,
  type LogEvent,
  type ServerMessage,
} from '../agent-protocol/index.js';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import type { DeviceAuthenticator } from './device-authenticator.js';
import { healthRows, inventoryRows, type DeviceIdentity, type Row } from './event-rows.js';
import { EventLines } from './event-line.js';
import { isValidEvent } from './event-validator.js';
import type { IngestLimits } from './limits.js';
import type { IngestMetrics } from './metrics.js';
import { TokenBucketLimiter } from './token-bucket-limiter.js';
import type { TableWriters } from './table-writers.js';
import { WriteFailedError } from './buffered-writer.js';
import { suspendedMessage, type MaintenanceGate, type MaintenanceHold } from './maintenance-gate.js';
import { DeviceIsolation } from './device-isolation.js';
import { FirstWriteGuard, type GuardedRow } from './first-write-guard.js';
import { batchIdNear, invalidMessage, protocolError } from './protocol-replies.js';
import { categoryOf, rejectionRow, type Transport } from './rejection-rows.js';
import {
  jsonForRecord,
  mayHoldLoneSurrogate,
  REPLACED_TEXT_ATTRIBUTE,
  replaceLoneSurrogates,
} from './well-formed-text.js';

/**
 * The gateway's core, the same for WebSocket and HTTP: takes one raw agent message from an
 * authenticated device and answers with one server message. A batch is acknowledged only after
 * every row it produced (stored rows and rejection records) is in the engine.
 */
export type { Transport } from './rejection-rows.js';
/** request_diagnostics commands this gateway sent, remembered (oldest forgotten first) so that their answers are taken. */
const MAX_REMEMBERED_REQUESTS = 100_000;
const KNOWN_TYPES = new Set<string>([
  'hello',
  'events',
  'inventory',
  'health',
  'diagnostics',
  'command_result',
  'heartbeat',
]);

const DATA_TYPES = new Set<string>(['events', 'inventory', 'health', 'diagnostics']);

interface IngestServiceOptions {
  writers: TableWriters;
  /** Whether a diagnostics request with this id was made of the device (the desk's diagnostic_requests). */
  diagnosticsRequested: (device: DeviceIdentity, requestId: string) => Promise<boolean>;
  /** Reads what the first-write-wins check needs (first-write-guard.ts). */
  client: ClickHouseClient;
  authenticator: DeviceAuthenticator;
  limits: IngestLimits;
  metrics: IngestMetrics;
  logger: Logger;
  agentConfig?: AgentConfig;
  /** Suspensions in effect (art. 8): data batches of a covered device are refused as `suspended`. */
  maintenance?: MaintenanceGate;
}

export class IngestService {
  readonly rateLimiter: TokenBucketLimiter;
  readonly agentConfig: AgentConfig;
  private draining = false;
  private readonly guard: FirstWriteGuard;
  private readonly isolation: DeviceIsolation;
  private readonly requestsSent = new Set<string>();
  private inFlightWindow = () => this.options.limits.maxInFlightBatches;

  constructor(private readonly options: IngestServiceOptions) {
    this.guard = new FirstWriteGuard(options.client);
    this.isolation = new DeviceIsolation(options.limits, options.metrics);
    this.rateLimiter = new TokenBucketLimiter(options.limits.deviceEventsPerSecond, options.limits.deviceBurstEvents);
    this.agentConfig = options.agentConfig ?? {
      ...DEFAULT_AGENT_CONFIG,
      heartbeatSeconds: options.limits.heartbeatSeconds,
    };
  }

  /** A device connected: what it stored through another gateway counts from now on. */
  deviceConnected(deviceId: string): void {
    this.guard.forget(deviceId);
  }

  get authenticator(): DeviceAuthenticator {
    return this.options.authenticator;
  }

  /** What holds a device's data now (a suspension of art. 8), or null. */
  maintenanceHold(device: DeviceIdentity): MaintenanceHold | null {
    return this.options.maintenance?.holdFor(device) ?? null;
  }

  get limits(): IngestLimits {
    return this.options.limits;
  }

  /** True while any table writer holds more rows than it should: transports stop reading. */
  isBehind(): boolean {
    return Object.values(this.options.writers).some((writer) => writer.isBehind());
  }

  /** What `welcome` advertises as maxInFlightBatches: the WebSocket gateway's window (flow-window.ts). */
  advertiseInFlightWindow(window: () => number): void {
    this.inFlightWindow = window;
  }

  /** This gateway sent a request_diagnostics command: its answer is taken (also without a desk request row). */
  diagnosticsRequestSent(deviceId: string, requestId: string): void {
    if (this.requestsSent.size >= MAX_REMEMBERED_REQUESTS)
      this.requestsSent.delete(this.requestsSent.keys().next().value!);
    this.requestsSent.add(`${deviceId}|${requestId}`);
  }

  /** Calls `listener` whenever a table writer falls behind (the WebSocket gateway stops reading then). */
  onWritersBehind(listener: () => void): void {
    for (const writer of Object.values(this.options.writers)) writer.on('behind', listener);
  }

  startDraining(): void {
    this.draining = true;
  }

  async drain(): Promise<void> {
    this.draining = true;
    await Promise.all(Object.values(this.options.writers).map((writer) => writer.drain()));
  }

  /** Answers one raw message. Never throws: every failure becomes an error reply. */
  async handleMessage(
    device: DeviceIdentity,
    raw: string,
    transport: Transport,
    onEventsKnown?: (events: number) => void,
  ): Promise<ServerMessage | undefined> {
    const started = performance.now();
    // Found now, so that no closure holds the raw text while the insert is awaited.
    const nearBatchId = batchIdNear(raw);
    const reply = await this.isolated(device, raw, transport, onEventsKnown).catch((error: unknown) =>
      this.failure(error, nearBatchId),
    );
    if (reply && (reply.type === 'ack' || reply.type === 'error')) {
      this.options.metrics.ackSeconds.labels(transport).observe((performance.now() - started) / 1000);
      if (reply.type === 'error') this.options.metrics.messagesRefused.labels(transport, reply.code).inc();
    }
    return reply;
  }

  private failure(error: unknown, batchId: string | undefined): ServerMessage {
    if (error instanceof WriteFailedError && error.rowsAtFault) {
      this.options.logger.warn({ err: error, table: error.table }, 'the engine refused a message for good');
      return protocolError(
        'not_storable',
        `The storage engine refused a value of this message (${firstLine(error.cause)}); it was not stored. Sending it again cannot succeed.`,
        { batchId },
      );
    }
    if (error instanceof WriteFailedError) {
      this.options.logger.error({ err: error, table: error.table }, 'batch not stored');
      return protocolError(
        'storage_failed',
        `The batch was not stored (${error.retryable ? 'engine unavailable' : 'the engine refused the insert'}); it was not acknowledged. Retry later.`,
        {
          batchId,
          retryAfterMs: 5000,
        },
      );
    }
    this.options.logger.error({ err: error }, 'unexpected failure handling an agent message');
    return protocolError('internal_error', 'The server failed while handling this message; it was not acknowledged.', {
      batchId,
      retryAfterMs: 5000,
    });
  }

  /** Limits what one device costs before its message is even parsed (device-isolation.ts). */
  private async isolated(
    device: DeviceIdentity,
    raw: string,
    transport: Transport,
    onEventsKnown?: (events: number) => void,
  ): Promise<ServerMessage | undefined> {
    const wait = this.isolation.floodWait(device.deviceId);
    if (wait > 0) {
      return protocolError(
        'rate_limited',
        `Too many messages of this device were refused lately; it is not read for ${wait} ms. Fix what the refusals named.`,
        { batchId: batchIdNear(raw), retryAfterMs: wait },
      );
    }
    const bytes = raw.length; // UTF-16 units: a cheap bound, within 3× of the UTF-8 size
    if (!this.isolation.holdBytes(device.deviceId, bytes)) {
      return protocolError(
        'rate_limited',
        `This device already has ${this.isolation.bytesHeld(device.deviceId)} bytes of messages being handled; wait for their replies.`,
        {
          batchId: batchIdNear(raw),
          retryAfterMs: 500,
          limit: { name: 'deviceMaxBytesInFlight', value: this.options.limits.deviceMaxBytesInFlight },
        },
      );
    }
    try {
      return await this.dispatch(device, raw, transport, onEventsKnown);
    } finally {
      this.isolation.releaseBytes(device.deviceId, bytes);
    }
  }

  /** A binary WebSocket frame: refused and recorded like any other whole message. */
  async refuseBinaryFrame(device: DeviceIdentity, bytes: number): Promise<ServerMessage> {
    const reason = 'Binary frames are not accepted; send each message as one JSON text frame.';
    await this.recordWholeMessage(
      device,
      'websocket',
      '',
      '',
      'malformed_json',
      '',
      reason,
      `(binary frame of ${bytes} bytes)`,
    );
    return protocolError('malformed_json', reason);
  }

  private async dispatch(
    device: DeviceIdentity,
    raw: string,
    transport: Transport,
    onEventsKnown?: (events: number) => void,
  ): Promise<ServerMessage | undefined> {
    const { limits, metrics } = this.options;
    const bytes = Buffer.byteLength(raw);
    if (bytes > limits.maxMessageBytes) {
      const reason = `The message is ${bytes} bytes; the limit is ${limits.maxMessageBytes} bytes. Split the batch.`;
      await this.recordWholeMessage(
        device,
        transport,
        '',
        batchIdNear(raw) ?? '',
        'message_too_large',
        '',
        reason,
        raw,
      );
      return protocolError('message_too_large', reason, {
        batchId: batchIdNear(raw),
        limit: { name: 'maxMessageBytes', value: limits.maxMessageBytes },
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      metrics.messages.labels(transport, 'malformed').inc();
      const reason = `The message is not valid JSON: ${(error as Error).message}`;
      await this.recordWholeMessage(device, transport, '', '', 'malformed_json', '', reason, raw);
      return protocolError('malformed_json', reason);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      const reason = 'A message must be a JSON object with "v" and "type".';
      await this.recordWholeMessage(device, transport, '', '', 'invalid_message', '', reason, raw);
      return protocolError('invalid_message', reason);
    }
    const envelope = parsed as { v?: unknown; type?: unknown; batchId?: unknown };
    const type = typeof envelope.type === 'string' ? envelope.type : '';
    const batchId = typeof envelope.batchId === 'string' ? envelope.batchId.slice(0, 64) : undefined;
    metrics.messages.labels(transport, KNOWN_TYPES.has(type) ? type : 'unknown').inc();

    if (envelope.v !== PROTOCOL_VERSION) {
      const reason = `Protocol version ${JSON.stringify(envelope.v ?? null)} is not supported; this server speaks v${PROTOCOL_VERSION}.`;
      await this.recordWholeMessage(device, transport, type, batchId ?? '', 'unsupported_version', 'v', reason, raw);
      return protocolError('unsupported_version', reason, { batchId });
    }
    if (!KNOWN_TYPES.has(type)) {
      const reason = `Unknown message type ${JSON.stringify(envelope.type ?? null)}; v1 agents send ${[...KNOWN_TYPES].join(', ')}.`;
      await this.recordWholeMessage(
        device,
        transport,
        type.slice(0, 64),
        batchId ?? '',
        'unknown_message_type',
        'type',
        reason,
        raw,
      );
      return protocolError('unknown_message_type', reason, { batchId });
    }
    if (this.draining && type !== 'heartbeat') {
      return protocolError(
        'shutting_down',
        'The server is shutting down; this message was not processed. Reconnect and re-send.',
        {
          batchId,
          retryAfterMs: 1000,
        },
      );
    }
    // Art. 8: during a suspension the data waits on the agent; hello, heartbeats and command results still pass.
    const hold = DATA_TYPES.has(type) ? this.maintenanceHold(device) : null;
    if (hold) {
      onEventsKnown?.(0);
      return protocolError('suspended', suspendedMessage(hold), { batchId, retryAfterMs: hold.retryAfterMs });
    }
    if (type === 'events') {
      const events = (parsed as { events?: unknown }).events;
      onEventsKnown?.(Array.isArray(events) ? events.length : 0);
      return this.handleEvents(device, parsed, raw, transport);
    }
    onEventsKnown?.(0);
    return this.handleOther(device, type as AgentMessageType, parsed, raw, transport, batchId);
  }

  private async handleEvents(
    device: DeviceIdentity,
    parsed: unknown,
    raw: string,
    transport: Transport,
  ): Promise<ServerMessage> {
    const { limits, metrics, writers } = this.options;
    const envelope = eventsBatchEnvelope.safeParse(parsed);
    const sentBatchId = (parsed as { batchId?: unknown }).batchId;
    if (!envelope.success) {
      const reply = invalidMessage(envelope.error, typeof sentBatchId === 'string' ? sentBatchId : undefined);
      await this.recordWholeMessage(
        device,
        transport,
        'events',
        reply.batchId ?? '',
        'invalid_message',
        reply.issues?.[0]?.path ?? '',
        reply.message,
        raw,
      );
      return reply;
    }
    const batch = envelope.data;
    if (batch.events.length > limits.maxEventsPerBatch) {
      const reason = `The batch holds ${batch.events.length} events; the limit is ${limits.maxEventsPerBatch}. Split it.`;
      await this.recordWholeMessage(
        device,
        transport,
        'events',
        batch.batchId,
        'too_many_events',
        'events',
        reason,
        raw,
      );
      return protocolError('too_many_events', reason, {
        batchId: batch.batchId,
        limit: { name: 'maxEventsPerBatch', value: limits.maxEventsPerBatch },
      });
    }
    if (!(await this.hasCapacity(transport))) return this.busy(batch.batchId);
    const rate = this.rateLimiter.take(device.deviceId, batch.events.length);
    if (!rate.allowed) {
      await this.recordWholeMessage(
        device,
        transport,
        'events',
        batch.batchId,
        'rate_limited',
        '',
        'over deviceEventsPerSecond',
        '',
      );
      return protocolError(
        'rate_limited',
        `The device is over its limit of ${limits.deviceEventsPerSecond} events per second; retry after ${rate.retryAfterMs} ms.`,
        {
          batchId: batch.batchId,
          retryAfterMs: rate.retryAfterMs,
          limit: { name: 'deviceEventsPerSecond', value: limits.deviceEventsPerSecond },
        },
      );
    }
    metrics.batchSize.observe(batch.events.length);

    const now = Date.now();
    const receivedAt = toClickHouseTime(now);
    const oldest = now - DEFAULT_LIMITS.maxEventAgeDays * 86_400_000;
    const newest = now + DEFAULT_LIMITS.maxClockSkewSeconds * 1000;
    const batchId = batch.batchId;
    const candidates: GuardedRow[] = [];
    const rejections: EventRejection[] = [];
    const rejectionRows: Row[] = [];
    const checkText = mayHoldLoneSurrogate(raw);
    const lines = new EventLines(device, receivedAt);
    // No closure below holds the parsed batch or the raw text: both can be collected while the insert is awaited.
    const reject = (index: number, category: string, recorded: string, rejection: EventRejection) => {
      rejections.push(rejection);
      metrics.eventsRejected.labels(category, rejection.code).inc();
      const rejected = {
        transport,
        messageType: 'events',
        batchId,
        eventIndex: index,
        code: rejection.code,
        field: rejection.field,
        reason: rejection.message,
        raw: recorded,
      };
      const row = rejectionRow(device, rejected, receivedAt);
      rejectionRows.push(row);
      return row;
    };
    const events = batch.events;
    for (let index = 0; index < events.length; index += 1) {
      const candidate = events[index];
      // The compiled validator decides (event-validator.ts); zod words the refusal of the few it refuses.
      if (!isValidEvent(candidate)) {
        const result = logEvent.safeParse(candidate);
        const issue = result.success ? undefined : result.error.issues[0];
        reject(index, categoryOf(candidate), jsonForRecord(candidate), {
          index,
          code: 'invalid_event',
          field: issue?.path.join('.') ?? '',
          message: issue?.message ?? 'the event does not match its schema',
        });
        continue;
      }
      const timeMs = Date.parse(candidate.time);
      if (timeMs < oldest || timeMs > newest) {
        reject(index, categoryOf(candidate), jsonForRecord(candidate), {
          index,
          code: 'time_out_of_range',
          field: 'time',
          message: `time must lie between ${DEFAULT_LIMITS.maxEventAgeDays} days ago and ${DEFAULT_LIMITS.maxClockSkewSeconds / 3600} h ahead of the server clock`,
        });
        continue;
      }
      if (checkText) flagReplacedText(candidate, metrics);
      candidates.push({
        index,
        seq: candidate.seq,
        timeMs,
        category: candidate.category,
        line: lines.line(candidate, timeMs),
        event: candidate,
      });
    }
    const { verdict, written } = await this.guard.admit(device, candidates, ({ fresh, conflicts }) => {
      for (const { candidate, fields, firstReceivedAt } of conflicts) {
        reject(candidate.index, candidate.category, jsonForRecord(candidate.event), {
          index: candidate.index,
          code: 'conflicting_resend',
          field: fields.join(','),
          message: `an event with this time and seq was first stored at ${firstReceivedAt} UTC with other content (${fields.join(', ')}); the first content stays`,
        });
      }
      for (const candidate of candidates) candidate.event = undefined;
      const recordable = this.isolation.recordableRejections(device.deviceId, rejectionRows.length);
      return Promise.all([
        writers.events.write(fresh.map((f) => f.line)),
        writers.rejected.write(rejectionRows.slice(0, recordable)),
      ]);
    });
    const [stored] = written;
    if (verdict.duplicates.length > 0) metrics.duplicateEvents.labels(transport).inc(verdict.duplicates.length);
    if (verdict.conflicts.length > 0) metrics.conflictingResends.labels(transport).inc(verdict.conflicts.length);
    const refused = new Set(stored.refusedRows);
    if (refused.size > 0) {
      const notStored = stored.refusedRows.map((position) => {
        const { index, category, line } = verdict.fresh[position]!;
        // The batch as sent is gone by now: the record keeps the row the engine refused.
        return reject(index, category, line, {
          index,
          code: 'not_storable',
          field: '',
          message: `the storage engine refused this event for good: ${firstLine(stored.refusal?.cause)}`,
        });
      });
      await writers.rejected.write(notStored);
    }
    if (refused.size > 0 || verdict.conflicts.length > 0) rejections.sort((a, b) => a.index - b.index);
    const acceptedByCategory = new Map<string, number>();
    const count = (category: string) => acceptedByCategory.set(category, (acceptedByCategory.get(category) ?? 0) + 1);
    verdict.fresh.forEach(({ category }, position) => refused.has(position) || count(category));
    for (const { category } of verdict.duplicates) count(category);
    for (const [category, n] of acceptedByCategory) metrics.eventsAccepted.labels(category).inc(n);
    const accepted = verdict.fresh.length - refused.size + verdict.duplicates.length;
    return { v: PROTOCOL_VERSION, type: 'ack', batchId, accepted, rejected: rejections };
  }

  private async handleOther(
    device: DeviceIdentity,
    type: AgentMessageType,
    parsed: unknown,
    raw: string,
    transport: Transport,
    batchId: string | undefined,
  ): Promise<ServerMessage | undefined> {
    const { writers } = this.options;
    // Inventory and health text with lone surrogates is replaced too (their rows have no attributes to flag).
    if (mayHoldLoneSurrogate(raw) && type !== 'diagnostics') replaceLoneSurrogates(parsed);
    const result = agentMessage.safeParse(parsed);
    if (!result.success) {
      const reply = invalidMessage(result.error, batchId);
      await this.recordWholeMessage(
        device,
        transport,
        type,
        batchId ?? '',
        'invalid_message',
        reply.issues?.[0]?.path ?? '',
        reply.message,
        raw,
      );
      return reply;
    }
    const message = result.data;
    const receivedAt = toClickHouseTime(Date.now());
    const ack = (id: string, accepted: number): ServerMessage => ({
      v: PROTOCOL_VERSION,
      type: 'ack',
      batchId: id,
      accepted,
      rejected: [],
    });
    switch (message.type) {
      case 'inventory': {
        if (!(await this.hasCapacity(transport))) return this.busy(message.batchId);
        const rows = inventoryRows(device, message.snapshot, receivedAt);
        await Promise.all([
          writers.hardware.write(rows.hardware),
          writers.software.write(rows.software),
          writers.osUpdates.write(rows.osUpdates),
        ]);
        return ack(message.batchId, rows.hardware.length + rows.software.length + rows.osUpdates.length);
      }
      case 'health': {
        if (!(await this.hasCapacity(transport))) return this.busy(message.batchId);
        const rows = healthRows(device, message.results, receivedAt);
        await writers.health.write(rows);
        return ack(message.batchId, rows.length);
      }
      case 'diagnostics':
        return this.acceptDiagnostics(device, message, raw, transport, receivedAt);
      case 'heartbeat':
        return {
          v: PROTOCOL_VERSION,
          type: 'heartbeat_ack',
          sentAt: message.sentAt,
          serverTime: new Date().toISOString(),
        };
      case 'command_result':
        this.options.logger.info(
          { deviceId: device.deviceId, commandId: message.commandId, status: message.status, detail: message.detail },
          'command result',
        );
        return undefined;
      case 'hello':
        return {
          v: PROTOCOL_VERSION,
          type: 'welcome',
          deviceId: device.deviceId,
          participantId: device.participantId,
          serverTime: new Date().toISOString(),
          limits: {
            maxMessageBytes: this.options.limits.maxMessageBytes,
            maxEventsPerBatch: this.options.limits.maxEventsPerBatch,
            maxInFlightBatches: this.inFlightWindow(),
            deviceEventsPerSecond: this.options.limits.deviceEventsPerSecond,
          },
          config: this.agentConfig,
        };
      case 'events':
        return undefined; // handled by handleEvents
    }
  }

  /** Diagnostics are taken only in answer to a request, a few a minute, each within its own size limit. */
  private async acceptDiagnostics(
    device: DeviceIdentity,
    message: Extract<AgentMessage, { type: 'diagnostics' }>,
    raw: string,
    transport: Transport,
    receivedAt: string,
  ): Promise<ServerMessage> {
    const { limits } = this.options;
    const refuse = async (
      code: 'message_too_large' | 'rate_limited' | 'invalid_message',
      field: string,
      reason: string,
      extra: object,
    ) => {
      await this.recordWholeMessage(device, transport, 'diagnostics', message.batchId, code, field, reason, raw);
      return protocolError(code, reason, { batchId: message.batchId, ...extra });
    };
    if (raw.length > limits.maxDiagnosticsBytes) {
      this.isolation.refused('diagnostics_too_large');
      return refuse(
        'message_too_large',
        '',
        `Diagnostics may be at most ${limits.maxDiagnosticsBytes} bytes; leave out the largest items.`,
        {
          limit: { name: 'maxDiagnosticsBytes', value: limits.maxDiagnosticsBytes },
        },
      );
    }
    const wait = this.isolation.diagnosticsWait(device.deviceId);
    if (wait > 0) {
      return refuse(
        'rate_limited',
        '',
        `At most ${limits.deviceDiagnosticsPerMinute} diagnostics messages a minute; retry after ${wait} ms.`,
        {
          retryAfterMs: wait,
        },
      );
    }
    const content = jsonForRecord(message.content);
    if (content.startsWith('"(not kept')) {
      const reason = 'content is nested too deeply to store; send a flatter object';
      return refuse('invalid_message', 'content', `The message does not match its schema: content: ${reason}.`, {
        issues: [{ path: 'content', message: reason }],
      });
    }
    const requested =
      this.requestsSent.has(`${device.deviceId}|${message.requestId}`) ||
      (await this.options.diagnosticsRequested(device, message.requestId));
    if (!requested) {
      this.isolation.refused('diagnostics_not_requested');
      const reason = `No diagnostics request ${JSON.stringify(message.requestId)} was made of this device; diagnostics are sent only when requested.`;
      return refuse('invalid_message', 'requestId', reason, { issues: [{ path: 'requestId', message: reason }] });
    }
    await this.options.writers.diagnostics.write([
      {
        participant_id: device.participantId,
        device_id: device.deviceId,
        request_id: message.requestId,
        received_at: receivedAt,
        content,
      },
    ]);
    return { v: PROTOCOL_VERSION, type: 'ack', batchId: message.batchId, accepted: 1, rejected: [] };
  }

  /**
   * Whether a batch may go to the writers now. A WebSocket message has already been read (and the
   * socket paused), so it waits for the writers rather than being refused and read again later;
   * over HTTP the client holds the body, so it is refused at once and retried after Retry-After.
   */
  private hasCapacity(transport: Transport): Promise<boolean> {
    // A WebSocket frame was read within the gateway's bound (read-scheduler.ts), which stops reading while the
    // writers are behind: it is never refused for time. HTTP and OTLP clients hold their bodies: refused at once.
    if (transport === 'websocket') return Promise.resolve(!this.draining);
    return Promise.resolve(!this.isBehind());
  }

  private busy(batchId: string): ServerMessage {
    return protocolError(
      'server_busy',
      'The server is behind on writing to storage; this batch was not accepted. Retry after the delay.',
      {
        batchId,
        retryAfterMs: 1000,
      },
    );
  }

  /** A refused whole message from a known device is kept with its reason, so an operator can see it. */
  private async recordWholeMessage(
    device: DeviceIdentity,
    transport: Transport,
    type: string,
    batchId: string,
    code: string,
    field: string,
    reason: string,
    raw: string,
  ): Promise<void> {
    this.isolation.noteRefusedMessage(device.deviceId);
    if (this.isolation.recordableRejections(device.deviceId, 1) === 0) return;
    const rejection = { transport, messageType: type, batchId, eventIndex: -1, code, field, reason, raw };
    await this.options.writers.rejected.write([rejectionRow(device, rejection, toClickHouseTime(Date.now()))]);
  }
}

/** Replaces lone surrogates in an accepted event and names the fields changed in an attribute (PROTOCOL.md §6.4). */
function flagReplacedText(event: LogEvent, metrics: IngestMetrics): void {
  const changed = replaceLoneSurrogates(event);
  if (changed.length === 0) return;
  event.attributes = { ...event.attributes, [REPLACED_TEXT_ATTRIBUTE]: changed.join(',').slice(0, 1024) };
  metrics.textReplaced.labels(event.category).inc();
}

function firstLine(error: unknown): string {
  return String((error as Error | undefined)?.message ?? error ?? 'unknown')
    .split('\n')[0]!
    .slice(0, 300);
}
