import {
  CLOSE_CODES,
  ERROR_CODES,
  PROTOCOL_VERSION,
  type AckMessage,
  type HealthResult,
  type InventorySnapshot,
  type LogEvent,
  type ServerMessage,
  serverMessage,
} from '../../agent-protocol/index.js';
import { diagnosticsBundleOf } from './diagnostics-bundle.js';
import { AgentConnection, enroll, type BatchReply, type Enrollment } from '../protocol-client.js';
import type { SimulatedDevice } from './office-roster.js';
import { randomFor, type SeededRandom } from './seeded-random.js';

/**
 * One simulated PC on the wire: enrolls with its participant's secret, keeps one WebSocket (hello,
 * then welcome), and delivers batches the way PROTOCOL.md §6 asks: a few in flight, the same batch
 * re-sent after retryAfterMs on after_delay errors, split on too-large errors, re-sent after a lost
 * connection, nothing new sent during a slow_down. It buffers in memory only: the simulator can
 * regenerate anything, so a disk buffer would add nothing here.
 */
export interface AgentOptions {
  /** Batches of one agent awaiting acks at once (capped by the server's maxInFlightBatches). */
  inFlight: number;
  /** Events per batch; the server's batchMaxEvents when absent. */
  batchSize?: number;
  /** Distinguishes this run's batch ids from an earlier run's. */
  runId: string;
  replyTimeoutMs?: number;
  maxAttempts?: number;
}

export interface AgentCounters {
  eventsAccepted: number;
  eventsRejected: number;
  healthResultsAccepted: number;
  inventorySnapshots: number;
  batches: number;
  retries: number;
  /** Batches split in two after message_too_large, too_many_events or a 1009 close. */
  splits: number;
  reconnects: number;
}

type Batch = { type: 'events'; events: LogEvent[] } | { type: 'health'; results: HealthResult[] };

const AGENT_VERSION = 'yorozu-simulator/0.1.0';
const FATAL_CLOSE_CODES = new Set([4400, 4401, 4403]);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class BatchTooLarge extends Error {}

export class SimulatedAgent {
  readonly counters: AgentCounters = {
    eventsAccepted: 0,
    eventsRejected: 0,
    healthResultsAccepted: 0,
    inventorySnapshots: 0,
    batches: 0,
    retries: 0,
    splits: 0,
    reconnects: 0,
  };
  private connection: AgentConnection | undefined;
  private connecting: Promise<AgentConnection> | undefined;
  private serverBatchSize = 500;
  private serverMaxInFlight = 8;
  private quietUntil = 0;
  private nextBatchNumber = 0;
  private heartbeatMs = 30_000;
  private lastHeartbeatAt = 0;
  private closed = false;
  private readonly jitter: SeededRandom;

  private constructor(
    private readonly serverUrl: string,
    readonly device: SimulatedDevice,
    readonly enrollment: Enrollment,
    private readonly options: AgentOptions,
  ) {
    this.jitter = randomFor(options.runId, 'jitter', device.key);
  }

  static async enroll(
    serverUrl: string,
    secret: string,
    device: SimulatedDevice,
    options: AgentOptions,
  ): Promise<SimulatedAgent> {
    const enrollment = await enroll(serverUrl, secret, device.hostname, device.instanceId, {
      name: device.windows.name,
      version: device.windows.version,
      build: device.windows.build,
    });
    return new SimulatedAgent(serverUrl, device, enrollment, options);
  }

  get deviceId(): string {
    return this.enrollment.deviceId;
  }

  get batchSize(): number {
    return Math.max(1, this.options.batchSize ?? this.serverBatchSize);
  }

  private get inFlight(): number {
    return Math.max(1, Math.min(this.options.inFlight, this.serverMaxInFlight));
  }

  private connect(): Promise<AgentConnection> {
    if (this.closed)
      return Promise.reject(Object.assign(new Error(`${this.device.hostname}: agent closed`), { fatal: true }));
    if (this.connection && this.connection.closeCode === undefined) return Promise.resolve(this.connection);
    this.connecting ??= this.openConnection().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async openConnection(): Promise<AgentConnection> {
    const connection = await AgentConnection.open(this.serverUrl, this.enrollment.credential);
    // A network error after the upgrade is followed by 'close', which the delivery loop handles.
    connection.socket.on('error', () => undefined);
    connection.socket.on('message', (data) => this.onServerText(String(data), connection));
    const welcome = connection
      .next((m): m is Extract<ServerMessage, { type: 'welcome' }> => m.type === 'welcome', 30_000)
      .catch(() => undefined);
    const os = {
      name: this.device.windows.name,
      version: this.device.windows.version,
      build: this.device.windows.build,
      architecture: 'x64',
    };
    connection.send({
      v: PROTOCOL_VERSION,
      type: 'hello',
      agentVersion: AGENT_VERSION,
      hostname: this.device.hostname,
      os,
      bufferedEvents: 0,
    });
    const outcome = await Promise.race([welcome, connection.closed.then(() => undefined)]);
    if (!outcome) {
      connection.socket.terminate();
      const reason = `${this.device.hostname}: connection closed before welcome (${connection.closeCode} ${connection.closeReason})`;
      if (FATAL_CLOSE_CODES.has(connection.closeCode ?? 0)) throw Object.assign(new Error(reason), { fatal: true });
      throw new Error(reason);
    }
    this.serverBatchSize = outcome.config.batchMaxEvents;
    this.serverMaxInFlight = outcome.limits.maxInFlightBatches;
    this.heartbeatMs = outcome.config.heartbeatSeconds * 1000;
    this.connection = connection;
    return connection;
  }

  private onServerText(text: string, connection: AgentConnection): void {
    if (text.includes('"slow_down"')) {
      const message = JSON.parse(text) as { type?: string; retryAfterMs?: number };
      if (message.type === 'slow_down')
        this.quietUntil = Math.max(this.quietUntil, Date.now() + (message.retryAfterMs ?? 1000));
    }
    if (!text.includes('"request_diagnostics"')) return;
    const parsed = serverMessage.safeParse(JSON.parse(text));
    if (parsed.success && parsed.data.type === 'command' && parsed.data.command.kind === 'request_diagnostics')
      void this.answerDiagnostics(parsed.data.commandId, parsed.data.command.requestId, connection);
  }

  /**
   * Answers a request_diagnostics command as the reference agent does (agent/agent-runtime.ts): the
   * bundle as a `diagnostics` batch, then the command's result. Other commands stay unanswered: the
   * simulator has no configuration or pause to obey.
   */
  private async answerDiagnostics(commandId: string, requestId: string, connection: AgentConnection): Promise<void> {
    const outcome = await this.deliver({
      type: 'diagnostics',
      requestId,
      content: diagnosticsBundleOf(this.device, this.counters, AGENT_VERSION),
    }).then(
      () => ({ status: 'done' as const }),
      (error: Error) => ({ status: 'failed' as const, detail: error.message.slice(0, 500) }),
    );
    if (connection.closeCode === undefined)
      connection.send({ v: PROTOCOL_VERSION, type: 'command_result', commandId, ...outcome });
  }

  private dropConnection(connection: AgentConnection | undefined): void {
    if (connection && this.connection === connection) this.connection = undefined;
    if (connection && connection.closeCode === undefined) connection.socket.terminate();
  }

  private backoffMs(attempt: number): number {
    return Math.min(30_000, 500 * 2 ** attempt) * this.jitter.between(0.5, 1);
  }

  private async sendOnce(
    connection: AgentConnection,
    message: { batchId: string } & Record<string, unknown>,
  ): Promise<BatchReply | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>(
      (resolve) => (timer = setTimeout(() => resolve(undefined), this.options.replyTimeoutMs ?? 60_000)),
    );
    try {
      return await Promise.race([connection.sendBatch(message), connection.closed.then(() => undefined), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends one batch until it is acknowledged; throws on errors that re-sending cannot fix. */
  private async deliver(message: { type: string } & Record<string, unknown>): Promise<AckMessage> {
    const batchId = `${this.options.runId}-${message.type}-${(this.nextBatchNumber += 1)}`;
    // batchId right after type: the server looks for it in the first 4 KiB (§6.1).
    const { type, ...body } = message;
    const full = { v: PROTOCOL_VERSION, type, batchId, ...body };
    const maxAttempts = this.options.maxAttempts ?? 40;
    for (let attempt = 0; ; attempt += 1) {
      if (this.closed) throw new Error(`${this.device.hostname}: closed with batch ${batchId} unacknowledged`);
      if (attempt >= maxAttempts)
        throw new Error(`${this.device.hostname}: batch ${batchId} not acknowledged after ${maxAttempts} attempts`);
      if (attempt > 0) this.counters.retries += 1;
      const quiet = this.quietUntil - Date.now();
      if (quiet > 0) await sleep(quiet);
      let connection: AgentConnection | undefined;
      try {
        connection = await this.connect();
      } catch (error) {
        if ((error as { fatal?: boolean }).fatal) throw error;
        this.counters.reconnects += 1;
        await sleep(this.backoffMs(attempt));
        continue;
      }
      const reply = await this.sendOnce(connection, full);
      if (!reply) {
        // 1009: some message in flight was over twice maxMessageBytes; splitting is harmless for the others (§9).
        if (connection.closeCode === CLOSE_CODES.messageTooBig) throw new BatchTooLarge('connection closed with 1009');
        // Lost with the connection or never answered: reconnect and re-send the same batch (§6.5).
        if (this.connection === connection) this.counters.reconnects += 1;
        this.dropConnection(connection);
        await sleep(this.backoffMs(attempt));
        continue;
      }
      // The client keeps every server message for tests to inspect; a simulator runs for hours.
      connection.received.splice(0);
      if (reply.type === 'ack') {
        this.counters.batches += 1;
        return reply;
      }
      const rule = ERROR_CODES[reply.code].retry;
      if (rule === 'split') throw new BatchTooLarge(`${reply.code}: ${reply.message}`);
      if (rule === 'never')
        throw new Error(`${this.device.hostname}: batch ${batchId} refused: ${reply.code}: ${reply.message}`);
      if (reply.code === 'shutting_down') this.dropConnection(connection);
      await sleep(reply.retryAfterMs ?? this.backoffMs(attempt));
    }
  }

  private async deliverBatch(batch: Batch): Promise<void> {
    try {
      if (batch.type === 'events') {
        const ack = await this.deliver({ type: 'events', events: batch.events });
        this.counters.eventsAccepted += ack.accepted;
        this.counters.eventsRejected += ack.rejected.length;
      } else {
        const ack = await this.deliver({ type: 'health', results: batch.results });
        this.counters.healthResultsAccepted += ack.accepted;
      }
    } catch (error) {
      const items = batch.type === 'events' ? batch.events : batch.results;
      if (!(error instanceof BatchTooLarge) || items.length < 2) throw error;
      // Split in halves with new batch ids, events unchanged (§6.5).
      this.counters.splits += 1;
      const half = Math.ceil(items.length / 2);
      const parts: Batch[] =
        batch.type === 'events'
          ? [
              { type: 'events', events: batch.events.slice(0, half) },
              { type: 'events', events: batch.events.slice(half) },
            ]
          : [
              { type: 'health', results: batch.results.slice(0, half) },
              { type: 'health', results: batch.results.slice(half) },
            ];
      for (const part of parts) await this.deliverBatch(part);
    }
  }

  async sendInventory(snapshot: InventorySnapshot): Promise<void> {
    await this.deliver({ type: 'inventory', snapshot });
    this.counters.inventorySnapshots += 1;
  }

  /** Delivers everything the source yields with up to `inFlight` batches awaiting acks. */
  async sendAll(source: Iterable<{ events?: LogEvent[]; health?: HealthResult[] }>): Promise<void> {
    // Learn the server's batch size and in-flight limit first; a failure here is retried per batch.
    await this.connect().catch((error: { fatal?: boolean }) => {
      if (error.fatal) throw error;
    });
    const batches = this.batchesOf(source);
    const worker = async () => {
      for (let next = batches.next(); !next.done; next = batches.next()) await this.deliverBatch(next.value);
    };
    await Promise.all(Array.from({ length: this.inFlight }, worker));
  }

  private *batchesOf(source: Iterable<{ events?: LogEvent[]; health?: HealthResult[] }>): Generator<Batch> {
    const size = this.batchSize;
    for (const item of source) {
      const events = item.events ?? [];
      for (let i = 0; i < events.length; i += size) yield { type: 'events', events: events.slice(i, i + size) };
      const health = item.health ?? [];
      for (let i = 0; i < health.length; i += 1000) yield { type: 'health', results: health.slice(i, i + 1000) };
    }
  }

  /** Sends the application heartbeat when the server's heartbeatSeconds have passed (§2.1). */
  heartbeatIfDue(): void {
    const connection = this.connection;
    if (!connection || connection.closeCode !== undefined || Date.now() - this.lastHeartbeatAt < this.heartbeatMs)
      return;
    this.lastHeartbeatAt = Date.now();
    connection.send({ v: PROTOCOL_VERSION, type: 'heartbeat', sentAt: new Date().toISOString(), bufferedEvents: 0 });
  }

  async close(): Promise<void> {
    this.closed = true;
    const connection = this.connection;
    this.connection = undefined;
    if (connection && connection.closeCode === undefined) await connection.close();
  }
}
