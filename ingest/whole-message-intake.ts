import type { Logger } from 'pino';
import {
  PROTOCOL_VERSION,
  agentMessage,
  type AgentConfig,
  type AgentMessage,
  type ServerMessage,
} from '../agent-protocol/index.js';
import { toClickHouseTime } from '../common/clickhouse-time.js';
import type { DiagnosticsIntake } from './diagnostics-intake.js';
import { healthRows, inventoryRows, type DeviceIdentity } from './event-rows.js';
import type { IngestLimits } from './limits.js';
import { invalidMessage } from './protocol-replies.js';
import type { RejectionRecorder } from './rejection-recorder.js';
import type { Transport } from './rejection-rows.js';
import type { TableWriters } from './table-writers.js';
import { mayHoldLoneSurrogate, replaceLoneSurrogates } from './well-formed-text.js';
import type { WriterCapacity } from './writer-capacity.js';

/**
 * Every message but `events`, checked whole against its schema (one bad field refuses it, unlike an
 * events batch whose events are checked one by one): hello → welcome, heartbeat → heartbeat_ack,
 * command_result (logged), inventory and health (stored, then ack), diagnostics (diagnostics-intake.ts).
 */
export interface WholeMessageIntakeOptions {
  writers: Pick<TableWriters, 'hardware' | 'software' | 'osUpdates' | 'health'>;
  capacity: WriterCapacity;
  recorder: RejectionRecorder;
  diagnostics: DiagnosticsIntake;
  limits: IngestLimits;
  agentConfig: AgentConfig;
  /** What `welcome` advertises as maxInFlightBatches (the WebSocket gateway's window, flow-window.ts). */
  inFlightWindow: () => number;
  logger: Logger;
}

export class WholeMessageIntake {
  constructor(private readonly options: WholeMessageIntakeOptions) {}

  async accept(
    device: DeviceIdentity,
    parsed: object,
    raw: string,
    transport: Transport,
    batchId: string | undefined,
  ): Promise<ServerMessage | undefined> {
    const type = (parsed as { type: AgentMessage['type'] }).type;
    const result = agentMessage.safeParse(parsed);
    if (!result.success) {
      const reply = invalidMessage(result.error, batchId);
      return this.options.recorder.refuseWholeMessage(device, transport, {
        code: 'invalid_message',
        messageType: type,
        batchId,
        field: reply.issues?.[0]?.path ?? '',
        reason: reply.message,
        raw,
        reply: { issues: reply.issues },
      });
    }
    const message = result.data;
    // Inventory and health text with lone surrogates is replaced too (their rows have no attributes to flag).
    // On zod's output, whose depth the schema bounds: the message as sent may nest without bound in unknown keys.
    if (message.type !== 'diagnostics' && mayHoldLoneSurrogate(raw)) replaceLoneSurrogates(message);
    const receivedAt = toClickHouseTime(Date.now());
    switch (message.type) {
      case 'inventory':
        return this.storeInventory(device, message, transport, receivedAt);
      case 'health':
        return this.storeHealth(device, message, transport, receivedAt);
      case 'diagnostics':
        return this.options.diagnostics.accept(device, message, raw, transport, receivedAt);
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
        return this.welcome(device);
      case 'events':
        return undefined; // event-batch-acceptance.ts
    }
  }

  private async storeInventory(
    device: DeviceIdentity,
    message: Extract<AgentMessage, { type: 'inventory' }>,
    transport: Transport,
    receivedAt: string,
  ): Promise<ServerMessage> {
    const { capacity, writers } = this.options;
    if (!capacity.admits(transport)) return capacity.busyReply(message.batchId);
    const rows = inventoryRows(device, message.snapshot, receivedAt);
    await Promise.all([
      writers.hardware.write(rows.hardware),
      writers.software.write(rows.software),
      writers.osUpdates.write(rows.osUpdates),
    ]);
    return ack(message.batchId, rows.hardware.length + rows.software.length + rows.osUpdates.length);
  }

  private async storeHealth(
    device: DeviceIdentity,
    message: Extract<AgentMessage, { type: 'health' }>,
    transport: Transport,
    receivedAt: string,
  ): Promise<ServerMessage> {
    const { capacity, writers } = this.options;
    if (!capacity.admits(transport)) return capacity.busyReply(message.batchId);
    const rows = healthRows(device, message.results, receivedAt);
    await writers.health.write(rows);
    return ack(message.batchId, rows.length);
  }

  private welcome(device: DeviceIdentity): ServerMessage {
    const { limits } = this.options;
    return {
      v: PROTOCOL_VERSION,
      type: 'welcome',
      deviceId: device.deviceId,
      participantId: device.participantId,
      serverTime: new Date().toISOString(),
      limits: {
        maxMessageBytes: limits.maxMessageBytes,
        maxEventsPerBatch: limits.maxEventsPerBatch,
        maxInFlightBatches: this.options.inFlightWindow(),
        deviceEventsPerSecond: limits.deviceEventsPerSecond,
      },
      config: this.options.agentConfig,
    };
  }
}

function ack(batchId: string, accepted: number): ServerMessage {
  return { v: PROTOCOL_VERSION, type: 'ack', batchId, accepted, rejected: [] };
}
