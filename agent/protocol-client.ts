import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import {
  PROTOCOL_VERSION,
  WEBSOCKET_SUBPROTOCOL,
  serverMessage,
  type ServerMessage,
  type AckMessage,
  type ErrorMessage,
  type LogEvent,
  type UninstallReport,
} from '../agent-protocol/index.js';

/**
 * The transport half of an agent: enrolls over HTTP, keeps one WebSocket, sends messages and
 * matches acks and errors to batches by batchId. The reference agent adds its disk buffer and
 * reconnects on top; tests and benchmarks use it as it is.
 */
export interface Enrollment {
  deviceId: string;
  participantId: string;
  credential: string;
}

export async function enroll(
  serverUrl: string,
  secret: string,
  hostname: string,
  instanceId: string = randomUUID(),
  os: { name: string; version: string; build?: string } = {
    name: 'Windows 11 Pro',
    version: '23H2',
    build: '22631.4460',
  },
): Promise<Enrollment> {
  const response = await fetch(new URL('/v1/enroll', serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      v: PROTOCOL_VERSION,
      type: 'enroll',
      secret,
      instanceId,
      hostname,
      os,
      agentVersion: '0.1.0',
    }),
  });
  const body = (await response.json()) as Enrollment & Partial<ErrorMessage>;
  if (response.status !== 201)
    throw new Error(`enrollment refused (${response.status}): ${body.code}: ${body.message}`);
  return body;
}

/** POST /v1/uninstall-report with the (revoked) device credential; throws when the server did not store it. */
export async function reportUninstall(
  serverUrl: string,
  credential: string,
  report: Omit<UninstallReport, 'v' | 'type'>,
): Promise<void> {
  const response = await fetch(new URL('/v1/uninstall-report', serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
    body: JSON.stringify({ v: PROTOCOL_VERSION, type: 'uninstall_report', ...report }),
  });
  if (response.status !== 204)
    throw new Error(`uninstall report refused (${response.status}): ${await response.text()}`);
}

export type BatchReply = AckMessage | ErrorMessage;

export class AgentConnection {
  private readonly waiting = new Map<string, (reply: BatchReply) => void>();
  readonly received: ServerMessage[] = [];
  private readonly listeners = new Set<(message: ServerMessage) => void>();
  closeCode: number | undefined;
  closeReason = '';
  readonly closed: Promise<void>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.onMessage(data.toString()));
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString();
        resolve();
      }),
    );
  }

  static async open(
    serverUrl: string,
    credential: string | undefined,
    options: { protocols?: string[] } = {},
  ): Promise<AgentConnection> {
    const url = new URL('/v1/agent', serverUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url, options.protocols ?? [WEBSOCKET_SUBPROTOCOL], {
      headers: credential ? { authorization: `Bearer ${credential}` } : {},
      maxPayload: 64 * 1024 * 1024,
    });
    const connection = new AgentConnection(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return connection;
  }

  private onMessage(text: string): void {
    const parsed = serverMessage.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`server sent a message outside the protocol: ${text.slice(0, 200)}`);
    const message = parsed.data;
    this.received.push(message);
    if ((message.type === 'ack' || message.type === 'error') && message.batchId !== undefined) {
      const resolve = this.waiting.get(message.batchId);
      if (resolve) {
        this.waiting.delete(message.batchId);
        resolve(message);
      }
    }
    for (const listener of this.listeners) listener(message);
  }

  /** Calls `listener` with every server message from now on; returns what stops it. */
  subscribe(listener: (message: ServerMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves with the next server message that satisfies `match`. The default deadline is generous (30 s): it only
   * says "no answer at all", and a loaded gateway (or a test machine running many engines) can take seconds.
   */
  next<T extends ServerMessage>(match: (message: ServerMessage) => message is T, timeoutMs = 30_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error('no matching server message in time'));
      }, timeoutMs);
      const listener = (message: ServerMessage) => {
        if (!match(message)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(message);
      };
      this.listeners.add(listener);
    });
  }

  sendRaw(text: string): void {
    this.socket.send(text);
  }

  send(message: object): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Sends a batch of events and resolves with its ack or error. */
  sendEvents(batchId: string, events: LogEvent[] | unknown[]): Promise<BatchReply> {
    return this.sendBatch({ v: PROTOCOL_VERSION, type: 'events', batchId, events });
  }

  sendBatch(message: { batchId: string } & Record<string, unknown>): Promise<BatchReply> {
    const reply = new Promise<BatchReply>((resolve) => this.waiting.set(message.batchId, resolve));
    this.send(message);
    return reply;
  }

  /**
   * Sends a batch already serialised (its batchId must be inside `body`; bytes are its UTF-8) as a text message,
   * and resolves with its ack or error.
   */
  sendPreparedBatch(batchId: string, body: string | Buffer): Promise<BatchReply> {
    const reply = new Promise<BatchReply>((resolve) => this.waiting.set(batchId, resolve));
    this.socket.send(body, { binary: false });
    return reply;
  }

  close(): Promise<void> {
    this.socket.close(1000, 'agent closing');
    return this.closed;
  }
}
