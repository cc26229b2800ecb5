import { WebSocket } from 'ws';
import {
  CLOSE_CODES,
  ERROR_CODES,
  PROTOCOL_VERSION,
  WEBSOCKET_SUBPROTOCOL,
  serverMessage,
  type AgentConfig,
  type ServerMessage,
} from '../agent-protocol/index.js';
import type { DiskBuffer } from './disk-buffer.js';

/**
 * One WebSocket connection's life: sends the disk buffer from the acknowledged cursor onward in
 * batches, keeps a few batches in flight, moves the cursor on each ack, re-sends a batch the server
 * could not take after the delay it asks for, and hands commands to the agent. When the connection
 * ends, the next session starts again from the cursor: nothing unacknowledged is skipped.
 */
export type SessionEnd =
  | { kind: 'closed'; code: number; reason: string }
  | { kind: 'revoked'; reason: string }
  | { kind: 'credential_invalid'; reason: string }
  | { kind: 'stopped' };

export interface SessionOptions {
  serverUrl: string;
  credential: string;
  buffer: DiskBuffer;
  config: () => AgentConfig;
  hello: { agentVersion: string; hostname: string; os: { name: string; version: string } };
  isPaused: () => boolean;
  onMessage: (message: ServerMessage, session: AgentSession) => void;
  log: (level: 'info' | 'warn' | 'error', message: string, details?: Record<string, unknown>) => void;
}

interface InFlight {
  firstSeq: number;
  lastSeq: number;
}

const MAX_IN_FLIGHT = 4;

export class AgentSession {
  private readonly socket: WebSocket;
  private readonly inFlight = new Map<string, InFlight>();
  private sentThrough: number;
  private holdUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private revokedReason: string | undefined;
  readonly ended: Promise<SessionEnd>;
  opened = false;

  constructor(private readonly options: SessionOptions) {
    this.sentThrough = options.buffer.acknowledgedThrough;
    const url = new URL('/v1/agent', options.serverUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    this.socket = new WebSocket(url, [WEBSOCKET_SUBPROTOCOL], {
      headers: { authorization: `Bearer ${options.credential}` },
      handshakeTimeout: 10_000,
    });
    this.ended = new Promise((resolve) => {
      this.socket.on('close', (code, reason) => {
        if (this.timer) clearTimeout(this.timer);
        const text = reason.toString();
        if (code === CLOSE_CODES.credentialRevoked || this.revokedReason !== undefined)
          resolve({ kind: 'revoked', reason: this.revokedReason ?? text });
        else if (code === CLOSE_CODES.invalidCredential) resolve({ kind: 'credential_invalid', reason: text });
        else resolve({ kind: 'closed', code, reason: text });
      });
    });
    this.socket.on('error', (error) => options.log('warn', 'connection error', { error: error.message }));
    this.socket.on('open', () => {
      this.opened = true;
      this.send({
        v: PROTOCOL_VERSION,
        type: 'hello',
        ...options.hello,
        bufferedEvents: options.buffer.state().pendingEvents,
      });
      this.pump();
    });
    this.socket.on('message', (data) => this.onMessage(data.toString()));
  }

  send(message: object): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** New events are in the buffer, or a pause ended: send what can be sent. */
  pump(): void {
    if (this.socket.readyState !== WebSocket.OPEN || this.options.isPaused()) return;
    const wait = this.holdUntil - Date.now();
    if (wait > 0) {
      this.schedule(wait);
      return;
    }
    const { batchMaxEvents } = this.options.config();
    while (this.inFlight.size < MAX_IN_FLIGHT) {
      const events = this.options.buffer.read(this.sentThrough, batchMaxEvents);
      if (events.length === 0) return;
      const firstSeq = events[0]!.seq;
      const lastSeq = events.at(-1)!.seq;
      const batchId = `s${firstSeq}-${lastSeq}`;
      this.inFlight.set(batchId, { firstSeq, lastSeq });
      this.sentThrough = lastSeq;
      this.send({ v: PROTOCOL_VERSION, type: 'events', batchId, events });
    }
  }

  close(code = 1000, reason = 'agent stopping'): void {
    this.socket.close(code, reason);
  }

  markRevoked(reason: string): void {
    this.revokedReason = reason;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, ms);
  }

  private onMessage(text: string): void {
    const parsed = serverMessage.safeParse(JSON.parse(text));
    if (!parsed.success) {
      this.options.log('warn', 'the server sent a message this agent does not understand', {
        text: text.slice(0, 200),
      });
      return;
    }
    const message = parsed.data;
    if (message.type === 'ack') this.onAck(message.batchId);
    else if (message.type === 'error') this.onError(message);
    else if (message.type === 'slow_down') this.holdUntil = Date.now() + message.retryAfterMs;
    this.options.onMessage(message, this);
  }

  private onAck(batchId: string): void {
    const batch = this.inFlight.get(batchId);
    if (!batch) return;
    this.inFlight.delete(batchId);
    this.options.buffer.acknowledge(batch.firstSeq, batch.lastSeq);
    this.pump();
  }

  private onError(message: Extract<ServerMessage, { type: 'error' }>): void {
    const batch = message.batchId ? this.inFlight.get(message.batchId) : undefined;
    const retry = ERROR_CODES[message.code].retry;
    if (!batch) {
      if (retry === 'after_delay') {
        // Which batch failed is unknown: start again from the cursor on a new connection.
        this.options.log('warn', 'server error without a batch; reconnecting to re-send', { code: message.code });
        this.close(1000, 're-sending after a server error');
      } else if (retry === 'never' && message.code !== 'credential_revoked') {
        this.options.log('error', 'server refused this agent', { code: message.code, message: message.message });
      }
      return;
    }
    this.inFlight.delete(message.batchId!);
    if (retry === 'never') {
      // The server has recorded the refused batch with its reason; sending it again cannot succeed.
      this.options.log('error', 'a batch was refused and will not be re-sent', {
        code: message.code,
        message: message.message,
        ...batch,
      });
      this.options.buffer.acknowledge(batch.firstSeq, batch.lastSeq);
    } else {
      // Re-send from this batch on, after the delay the server asked for.
      this.sentThrough = Math.min(this.sentThrough, batch.firstSeq - 1);
      this.holdUntil = Date.now() + (message.retryAfterMs ?? 1000);
      this.options.log('info', 'the server asked to retry a batch later', {
        code: message.code,
        retryAfterMs: message.retryAfterMs,
      });
    }
    this.pump();
  }
}
