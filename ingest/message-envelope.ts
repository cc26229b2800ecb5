import { AGENT_MESSAGE_TYPES, PROTOCOL_VERSION, type AgentMessageType } from '../agent-protocol/index.js';
import { batchIdNear } from './protocol-replies.js';
import type { WholeMessageRefusal } from './rejection-recorder.js';

/**
 * The first look at a raw agent message, the same for every type (PROTOCOL.md §6.1 steps 1–3): its
 * size, JSON, an object, `v` and a known `type`. Pure: what is refused is only described here; the
 * service records and answers it (rejection-recorder.ts).
 */
const KNOWN_TYPES = new Set<string>(AGENT_MESSAGE_TYPES);

/** The types that carry stored data: held during a suspension of the service (art. 8). */
export const DATA_MESSAGE_TYPES = new Set<AgentMessageType>(['events', 'inventory', 'health', 'diagnostics']);

export interface MessageEnvelope {
  parsed: object;
  type: AgentMessageType;
  /** The `batchId` as sent when it is a string, cut to 64 characters (the longest valid one). */
  batchId: string | undefined;
}

export type EnvelopeOutcome =
  | { ok: true; envelope: MessageEnvelope }
  /** `countedAs`: the label of `yorozu_ingest_messages_total` it counts under, if it is counted at all. */
  | { ok: false; refusal: WholeMessageRefusal; countedAs?: string };

export function readEnvelope(raw: string, maxMessageBytes: number): EnvelopeOutcome {
  const bytes = Buffer.byteLength(raw);
  if (bytes > maxMessageBytes) {
    const batchId = batchIdNear(raw);
    return refused({
      code: 'message_too_large',
      messageType: '',
      batchId,
      field: '',
      reason: `The message is ${bytes} bytes; the limit is ${maxMessageBytes} bytes. Split the batch.`,
      raw,
      reply: { limit: { name: 'maxMessageBytes', value: maxMessageBytes } },
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    const reason = `The message is not valid JSON: ${(error as Error).message}`;
    return refused(
      { code: 'malformed_json', messageType: '', batchId: undefined, field: '', reason, raw },
      'malformed',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const reason = 'A message must be a JSON object with "v" and "type".';
    return refused({ code: 'invalid_message', messageType: '', batchId: undefined, field: '', reason, raw });
  }
  const sent = parsed as { v?: unknown; type?: unknown; batchId?: unknown };
  const type = typeof sent.type === 'string' ? sent.type : '';
  const batchId = typeof sent.batchId === 'string' ? sent.batchId.slice(0, 64) : undefined;
  const countedAs = KNOWN_TYPES.has(type) ? type : 'unknown';
  if (sent.v !== PROTOCOL_VERSION) {
    const reason = `Protocol version ${JSON.stringify(sent.v ?? null)} is not supported; this server speaks v${PROTOCOL_VERSION}.`;
    return refused({ code: 'unsupported_version', messageType: type, batchId, field: 'v', reason, raw }, countedAs);
  }
  if (!KNOWN_TYPES.has(type)) {
    const reason = `Unknown message type ${JSON.stringify(sent.type ?? null)}; v1 agents send ${AGENT_MESSAGE_TYPES.join(', ')}.`;
    const messageType = type.slice(0, 64);
    return refused({ code: 'unknown_message_type', messageType, batchId, field: 'type', reason, raw }, countedAs);
  }
  return { ok: true, envelope: { parsed, type: type as AgentMessageType, batchId } };
}

function refused(refusal: WholeMessageRefusal, countedAs?: string): EnvelopeOutcome {
  return { ok: false, refusal, countedAs };
}
