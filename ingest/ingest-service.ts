import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import { DEFAULT_AGENT_CONFIG, type AgentConfig, type ServerMessage } from '../agent-protocol/index.js';
import type { DeviceAuthenticator } from './device-authenticator.js';
import { DeviceIsolation } from './device-isolation.js';
import type { DeviceReadWait } from './device-read-holds.js';
import { DiagnosticsIntake } from './diagnostics-intake.js';
import { EventBatchAcceptance } from './event-batch-acceptance.js';
import type { DeviceIdentity } from './event-rows.js';
import { replyToFailure } from './failure-replies.js';
import { FirstWriteGuard } from './first-write-guard.js';
import type { IngestLimits } from './limits.js';
import { suspendedMessage, type MaintenanceGate, type MaintenanceHold } from './maintenance-gate.js';
import { DATA_MESSAGE_TYPES, readEnvelope } from './message-envelope.js';
import type { IngestMetrics } from './metrics.js';
import { batchIdNear, protocolError } from './protocol-replies.js';
import { RejectionRecorder } from './rejection-recorder.js';
import type { Transport } from './rejection-rows.js';
import type { TableWriters } from './table-writers.js';
import { TokenBucketLimiter } from './token-bucket-limiter.js';
import { WholeMessageIntake } from './whole-message-intake.js';
import { WriterCapacity } from './writer-capacity.js';

/**
 * The gateway's core, the same for WebSocket and HTTP, and what server/ assembles: takes one raw
 * agent message from an authenticated device and answers with one server message. A batch is
 * acknowledged only after every row it produced (stored rows and rejection records) is in the engine.
 *
 * Here: what one device may cost before its message is read (device-isolation.ts), the envelope
 * (message-envelope.ts), shutdown and suspensions; then an events batch goes to
 * event-batch-acceptance.ts and every other message to whole-message-intake.ts.
 */
export type { Transport } from './rejection-rows.js';

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
  private readonly capacity: WriterCapacity;
  private readonly guard: FirstWriteGuard;
  private readonly isolation: DeviceIsolation;
  private readonly recorder: RejectionRecorder;
  private readonly diagnostics: DiagnosticsIntake;
  private readonly eventBatches: EventBatchAcceptance;
  private readonly wholeMessages: WholeMessageIntake;
  private inFlightWindow = () => this.options.limits.maxInFlightBatches;

  constructor(private readonly options: IngestServiceOptions) {
    const { writers, limits, metrics } = options;
    this.guard = new FirstWriteGuard(options.client);
    this.isolation = new DeviceIsolation(limits, metrics);
    this.rateLimiter = new TokenBucketLimiter(limits.deviceEventsPerSecond, limits.deviceBurstEvents);
    this.agentConfig = options.agentConfig ?? { ...DEFAULT_AGENT_CONFIG, heartbeatSeconds: limits.heartbeatSeconds };
    this.capacity = new WriterCapacity(writers);
    this.recorder = new RejectionRecorder(writers, this.isolation, metrics);
    const { capacity, recorder, isolation, guard, rateLimiter } = this;
    this.diagnostics = new DiagnosticsIntake({
      writers,
      diagnosticsRequested: options.diagnosticsRequested,
      isolation,
      recorder,
      limits,
    });
    this.eventBatches = new EventBatchAcceptance({ writers, guard, recorder, capacity, rateLimiter, limits, metrics });
    this.wholeMessages = new WholeMessageIntake({
      writers,
      capacity,
      recorder,
      diagnostics: this.diagnostics,
      limits,
      agentConfig: this.agentConfig,
      inFlightWindow: () => this.inFlightWindow(),
      logger: options.logger,
    });
  }

  get authenticator(): DeviceAuthenticator {
    return this.options.authenticator;
  }

  get limits(): IngestLimits {
    return this.options.limits;
  }

  /** A device connected: what it stored through another gateway counts from now on, read before its first batch. */
  deviceConnected(device: DeviceIdentity): void {
    this.guard.reload(device);
  }

  /** `bytes` were read from the device over WebSocket: they count against its read budget (device-isolation.ts). */
  chargeRead(deviceId: string, bytes: number): void {
    this.isolation.chargeRead(deviceId, bytes);
  }

  /** How long the device's own limits keep its WebSocket unread (the longer wait); undefined when it may be read. */
  deviceReadWait(deviceId: string): DeviceReadWait | undefined {
    const refused = this.isolation.refusedMessagesWait(deviceId);
    const budget = this.isolation.readBudgetWait(deviceId);
    if (refused <= 0 && budget <= 0) return undefined;
    return budget >= refused
      ? { waitMs: budget, reason: 'read_budget' }
      : { waitMs: refused, reason: 'refused_messages' };
  }

  /** What holds a device's data now (a suspension of art. 8), or null. */
  maintenanceHold(device: DeviceIdentity): MaintenanceHold | null {
    return this.options.maintenance?.holdFor(device) ?? null;
  }

  /** True while any table writer holds more rows than it should: transports stop reading. */
  isBehind(): boolean {
    return this.capacity.isBehind();
  }

  /** Calls `listener` whenever a table writer falls behind (the WebSocket gateway stops reading then). */
  onWritersBehind(listener: () => void): void {
    this.capacity.onBehind(listener);
  }

  /** What `welcome` advertises as maxInFlightBatches: the WebSocket gateway's window (flow-window.ts). */
  advertiseInFlightWindow(window: () => number): void {
    this.inFlightWindow = window;
  }

  /** This gateway sent a request_diagnostics command: its answer is taken (also without a desk request row). */
  diagnosticsRequestSent(deviceId: string, requestId: string): void {
    this.diagnostics.requestSent(deviceId, requestId);
  }

  startDraining(): void {
    this.capacity.startDraining();
  }

  drain(): Promise<void> {
    return this.capacity.drain();
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
      replyToFailure(error, nearBatchId, this.options.logger),
    );
    if (reply && (reply.type === 'ack' || reply.type === 'error')) {
      this.options.metrics.ackSeconds.labels(transport).observe((performance.now() - started) / 1000);
      if (reply.type === 'error') this.options.metrics.messagesRefused.labels(transport, reply.code).inc();
    }
    return reply;
  }

  /** A binary WebSocket frame: refused and recorded like any other whole message. */
  refuseBinaryFrame(device: DeviceIdentity, bytes: number): Promise<ServerMessage> {
    return this.recorder.refuseWholeMessage(device, 'websocket', {
      code: 'malformed_json',
      messageType: '',
      batchId: undefined,
      field: '',
      reason: 'Binary frames are not accepted; send each message as one JSON text frame.',
      raw: `(binary frame of ${bytes} bytes)`,
      size: bytes,
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

  /** The envelope, shutdown and suspensions (PROTOCOL.md §6.1 steps 1–4a), then the message by its type. */
  private async dispatch(
    device: DeviceIdentity,
    raw: string,
    transport: Transport,
    onEventsKnown?: (events: number) => void,
  ): Promise<ServerMessage | undefined> {
    const read = readEnvelope(raw, this.options.limits.maxMessageBytes);
    if (!read.ok) {
      if (read.countedAs) this.options.metrics.messages.labels(transport, read.countedAs).inc();
      return this.recorder.refuseWholeMessage(device, transport, read.refusal);
    }
    const { parsed, type, batchId } = read.envelope;
    this.options.metrics.messages.labels(transport, type).inc();
    if (this.capacity.draining && type !== 'heartbeat') {
      return protocolError(
        'shutting_down',
        'The server is shutting down; this message was not processed. Reconnect and re-send.',
        { batchId, retryAfterMs: 1000 },
      );
    }
    // Art. 8: during a suspension the data waits on the agent; hello, heartbeats and command results still pass.
    const hold = DATA_MESSAGE_TYPES.has(type) ? this.maintenanceHold(device) : null;
    if (hold) {
      onEventsKnown?.(0);
      return protocolError('suspended', suspendedMessage(hold), { batchId, retryAfterMs: hold.retryAfterMs });
    }
    if (type === 'events') {
      const events = (parsed as { events?: unknown }).events;
      onEventsKnown?.(Array.isArray(events) ? events.length : 0);
      return this.eventBatches.accept(device, parsed, raw, transport);
    }
    onEventsKnown?.(0);
    return this.wholeMessages.accept(device, parsed, raw, transport, batchId);
  }
}
