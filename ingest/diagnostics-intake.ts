import { PROTOCOL_VERSION, type AgentMessage, type ServerMessage } from '../agent-protocol/index.js';
import type { DeviceIdentity } from './event-rows.js';
import type { DeviceIsolation } from './device-isolation.js';
import type { IngestLimits } from './limits.js';
import type { RejectionRecorder, WholeMessageRefusal } from './rejection-recorder.js';
import type { Transport } from './rejection-rows.js';
import type { TableWriters } from './table-writers.js';
import { jsonForRecord } from './well-formed-text.js';

/**
 * Diagnostics are taken only in answer to a request (one this gateway sent, or one the desk
 * recorded), a few a minute per device, each within its own size limit (PROTOCOL.md §8).
 */
export type DiagnosticsMessage = Extract<AgentMessage, { type: 'diagnostics' }>;

/** request_diagnostics commands this gateway sent, remembered (oldest forgotten first) so that their answers are taken. */
const MAX_REMEMBERED_REQUESTS = 100_000;

export interface DiagnosticsIntakeOptions {
  writers: Pick<TableWriters, 'diagnostics'>;
  /** Whether a diagnostics request with this id was made of the device (the desk's diagnostic_requests). */
  diagnosticsRequested: (device: DeviceIdentity, requestId: string) => Promise<boolean>;
  isolation: DeviceIsolation;
  recorder: RejectionRecorder;
  limits: IngestLimits;
}

export class DiagnosticsIntake {
  private readonly requestsSent = new Set<string>();

  constructor(private readonly options: DiagnosticsIntakeOptions) {}

  /** This gateway sent a request_diagnostics command: its answer is taken (also without a desk request row). */
  requestSent(deviceId: string, requestId: string): void {
    if (this.requestsSent.size >= MAX_REMEMBERED_REQUESTS)
      this.requestsSent.delete(this.requestsSent.keys().next().value!);
    this.requestsSent.add(`${deviceId}|${requestId}`);
  }

  async accept(
    device: DeviceIdentity,
    message: DiagnosticsMessage,
    raw: string,
    transport: Transport,
    receivedAt: string,
  ): Promise<ServerMessage> {
    const { limits, isolation } = this.options;
    const refuse = (refusal: Pick<WholeMessageRefusal, 'code' | 'field' | 'reason' | 'reply'>) =>
      this.options.recorder.refuseWholeMessage(device, transport, {
        ...refusal,
        messageType: 'diagnostics',
        batchId: message.batchId,
        raw,
      });
    if (raw.length > limits.maxDiagnosticsBytes) {
      isolation.refused('diagnostics_too_large');
      return refuse({
        code: 'message_too_large',
        field: '',
        reason: `Diagnostics may be at most ${limits.maxDiagnosticsBytes} bytes; leave out the largest items.`,
        reply: { limit: { name: 'maxDiagnosticsBytes', value: limits.maxDiagnosticsBytes } },
      });
    }
    const wait = isolation.diagnosticsWait(device.deviceId);
    if (wait > 0) {
      return refuse({
        code: 'rate_limited',
        field: '',
        reason: `At most ${limits.deviceDiagnosticsPerMinute} diagnostics messages a minute; retry after ${wait} ms.`,
        reply: { retryAfterMs: wait },
      });
    }
    const content = jsonForRecord(message.content);
    if (content.startsWith('"(not kept')) {
      const reason = 'content is nested too deeply to store; send a flatter object';
      return refuse({
        code: 'invalid_message',
        field: 'content',
        reason: `The message does not match its schema: content: ${reason}.`,
        reply: { issues: [{ path: 'content', message: reason }] },
      });
    }
    if (!(await this.wasRequested(device, message.requestId))) {
      isolation.refused('diagnostics_not_requested');
      const reason = `No diagnostics request ${JSON.stringify(message.requestId)} was made of this device; diagnostics are sent only when requested.`;
      return refuse({
        code: 'invalid_message',
        field: 'requestId',
        reason,
        reply: { issues: [{ path: 'requestId', message: reason }] },
      });
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

  private async wasRequested(device: DeviceIdentity, requestId: string): Promise<boolean> {
    if (this.requestsSent.has(`${device.deviceId}|${requestId}`)) return true;
    return this.options.diagnosticsRequested(device, requestId);
  }
}
