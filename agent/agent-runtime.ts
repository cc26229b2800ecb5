import { hostname as osHostname } from 'node:os';
import { enroll, reportUninstall } from './protocol-client.js';
import {
  DEFAULT_AGENT_CONFIG,
  PROTOCOL_VERSION,
  type AgentConfig,
  type ServerCommand,
  type ServerMessage,
} from '../agent-protocol/index.js';
import { reconnectDelayMs } from './backoff.js';
import { AgentSession, type SessionEnd } from './agent-session.js';
import { DiskBuffer, type NewEvent } from './disk-buffer.js';
import type { EventSource, HealthCollector, InventoryCollector } from './sources/source.js';
import { AgentStateFiles, type StoredCredential } from './state-files.js';

/**
 * The reference agent: enrolls once, buffers every event on disk, keeps one connection with
 * backoff and jitter, and obeys the server's commands. Sources, inventory and health collectors are
 * plugged in per operating system.
 */
export const AGENT_VERSION = '0.1.0';

export interface AgentOptions {
  serverUrl: string;
  enrollmentSecret?: string;
  stateDirectory: string;
  bufferMaxBytes: number;
  hostname?: string;
  os?: { name: string; version: string };
  sources?: EventSource[];
  inventory?: InventoryCollector;
  health?: HealthCollector;
  /**
   * Removes the program and its service once the agent has reported (Windows: starts the uninstall
   * script, which waits for this process to exit). Returns what it is removing, for the report.
   */
  removeProgram?: () => { removing: ('service' | 'program')[]; detail: string };
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string, details?: Record<string, unknown>) => void;
}

export type AgentStatus = 'starting' | 'running' | 'revoked' | 'uninstalled' | 'credential_invalid' | 'stopped';

export class YorozuAgent {
  readonly files: AgentStateFiles;
  readonly buffer: DiskBuffer;
  status: AgentStatus = 'starting';
  private config: AgentConfig;
  private session: AgentSession | undefined;
  private pausedUntil = 0;
  private pausedIndefinitely = false;
  private stopping = false;
  private wake: (() => void) | undefined;
  private readonly recentLog: string[] = [];
  private readonly finished: Promise<AgentStatus>;
  private lastInventoryAt = 0;
  private lastHealthAt = 0;
  private snapshotTimer: NodeJS.Timeout | undefined;
  private deviceCredential: string | undefined;
  private finish!: (status: AgentStatus) => void;

  constructor(private readonly options: AgentOptions) {
    this.files = new AgentStateFiles(options.stateDirectory);
    this.buffer = new DiskBuffer({
      directory: this.files.bufferDirectory,
      maxBytes: options.bufferMaxBytes,
      log: (level, message, details) => this.log(level, message, details),
    });
    this.config = this.files.readConfig<AgentConfig>() ?? DEFAULT_AGENT_CONFIG;
    this.finished = new Promise((resolve) => (this.finish = resolve));
  }

  /** Appends events to the disk buffer (filtered by the configured categories) and sends them when it can. */
  record(events: NewEvent[]): void {
    const wanted = events.filter((event) => this.config.categories.includes(event.category));
    if (wanted.length === 0 || this.status === 'revoked' || this.status === 'uninstalled') return;
    this.buffer.append(wanted);
    this.session?.pump();
  }

  /** Runs until stopped, revoked, uninstalled or refused; resolves with how it ended. */
  async run(): Promise<AgentStatus> {
    const credential = await this.credential();
    if (!credential) return this.end('credential_invalid');
    this.deviceCredential = credential.credential;
    this.status = 'running';
    const context = {
      nextSeq: () => this.buffer.state().nextSeq,
      bufferedSince: (seq: number) => this.buffer.read(seq - 1, Number.MAX_SAFE_INTEGER),
    };
    for (const source of this.options.sources ?? []) await source.start((events) => this.record(events), context);
    this.snapshotTimer = setInterval(() => void this.sendDueSnapshots(), 60_000);
    this.snapshotTimer.unref();
    void this.connectLoop(credential);
    return this.finished;
  }

  /** Enrolls (unless already enrolled) and closes the buffer; true when a credential is stored. */
  async enrollOnly(): Promise<boolean> {
    const credential = await this.credential();
    this.buffer.close();
    return credential !== undefined;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.session?.close();
    this.wake?.();
    await this.finished;
  }

  private async credential(): Promise<StoredCredential | undefined> {
    const stored = this.files.readCredential();
    if (stored) return stored;
    if (!this.options.enrollmentSecret) {
      this.log('error', 'not enrolled and no enrollment secret given (--secret)');
      return undefined;
    }
    const enrollment = await enroll(
      this.options.serverUrl,
      this.options.enrollmentSecret,
      this.hostname(),
      this.files.instanceId(),
      this.os(),
    );
    const credential = { serverUrl: this.options.serverUrl, ...enrollment };
    this.files.writeCredential(credential);
    this.log('info', 'enrolled', { deviceId: enrollment.deviceId, participantId: enrollment.participantId });
    return credential;
  }

  private async connectLoop(credential: StoredCredential): Promise<void> {
    let attempt = 0;
    while (!this.stopping) {
      const session = new AgentSession({
        serverUrl: this.options.serverUrl,
        credential: credential.credential,
        buffer: this.buffer,
        config: () => this.config,
        hello: { agentVersion: AGENT_VERSION, hostname: this.hostname(), os: this.os() },
        isPaused: () => this.isPaused(),
        onMessage: (message, current) => void this.onServerMessage(message, current),
        log: (level, message, details) => this.log(level, message, details),
      });
      this.session = session;
      const end: SessionEnd = await session.ended;
      this.session = undefined;
      if (this.status === 'revoked' || this.status === 'uninstalled') return;
      if (end.kind === 'revoked') return this.revoked(end.reason);
      if (end.kind === 'credential_invalid') {
        this.log('error', 'the server does not accept this device credential; re-enroll the agent', {
          reason: end.reason,
        });
        this.end('credential_invalid');
        return;
      }
      if (this.stopping) break;
      attempt = session.opened ? 0 : attempt + 1;
      const delay = reconnectDelayMs(
        attempt,
        this.options.reconnectBaseMs ?? 1000,
        this.options.reconnectMaxMs ?? 60_000,
      );
      this.log('info', 'disconnected; reconnecting', {
        code: end.kind === 'closed' ? end.code : undefined,
        inMs: delay,
        pendingEvents: this.buffer.state().pendingEvents,
      });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.end('stopped');
  }

  private async onServerMessage(message: ServerMessage, session: AgentSession): Promise<void> {
    if (message.type === 'welcome') {
      this.log('info', 'connected', { deviceId: message.deviceId });
      await this.sendSnapshots(session);
    } else if (message.type === 'command') {
      const outcome = await this.obey(message.command, session).catch((error: Error) => ({
        status: 'failed' as const,
        detail: error.message,
      }));
      session.send({ v: PROTOCOL_VERSION, type: 'command_result', commandId: message.commandId, ...outcome });
      if (message.command.kind === 'revoke') this.revoked(message.command.reason, session);
      if (message.command.kind === 'uninstall') this.uninstall(message.command.reason, session);
    }
  }

  private async obey(
    command: ServerCommand,
    session: AgentSession,
  ): Promise<{ status: 'done' | 'failed' | 'unsupported'; detail?: string }> {
    switch (command.kind) {
      case 'configure':
        this.config = command.config;
        this.files.writeConfig(command.config);
        this.log('info', 'new configuration from the server', { config: command.config });
        return { status: 'done' };
      case 'pause':
        this.pausedIndefinitely = !command.until;
        this.pausedUntil = command.until ? Date.parse(command.until) : 0;
        this.log('info', 'paused by the server; buffering', { reason: command.reason, until: command.until });
        if (command.until) setTimeout(() => this.session?.pump(), Math.max(0, this.pausedUntil - Date.now())).unref();
        return { status: 'done' };
      case 'resume':
        this.pausedIndefinitely = false;
        this.pausedUntil = 0;
        this.log('info', 'resumed by the server');
        setImmediate(() => session.pump());
        return { status: 'done' };
      case 'request_diagnostics':
        session.send({
          v: PROTOCOL_VERSION,
          type: 'diagnostics',
          batchId: `diag-${command.requestId}`.slice(0, 64).replace(/[^A-Za-z0-9._:-]/g, '_'),
          requestId: command.requestId,
          content: {
            agentVersion: AGENT_VERSION,
            buffer: this.buffer.state(),
            config: this.config,
            paused: this.isPaused(),
            os: this.os(),
            recentLog: this.recentLog.slice(-100),
          },
        });
        return { status: 'done' };
      case 'revoke':
      case 'uninstall':
        return {
          status: 'done',
          detail:
            command.kind === 'revoke' ? 'credential forgotten; agent stopping' : 'agent data removed; agent stopping',
        };
    }
  }

  /** Inventory and health again when their configured intervals have passed (checked each minute). */
  private async sendDueSnapshots(): Promise<void> {
    const session = this.session;
    if (!session?.opened || this.isPaused()) return;
    const now = Date.now();
    const inventoryDue = now - this.lastInventoryAt >= this.config.inventoryIntervalMinutes * 60_000;
    const healthDue = now - this.lastHealthAt >= this.config.healthIntervalMinutes * 60_000;
    if (inventoryDue || healthDue) await this.sendSnapshots(session, { inventory: inventoryDue, health: healthDue });
  }

  private async sendSnapshots(
    session: AgentSession,
    due: { inventory: boolean; health: boolean } = { inventory: true, health: true },
  ): Promise<void> {
    const stamp = Date.now();
    if (due.inventory) this.lastInventoryAt = stamp;
    if (due.health) this.lastHealthAt = stamp;
    if (this.options.inventory && due.inventory) {
      const snapshot = await this.options.inventory
        .collect()
        .catch((error: Error) => this.log('warn', 'inventory collection failed', { error: error.message }));
      if (snapshot) session.send({ v: PROTOCOL_VERSION, type: 'inventory', batchId: `inv-${stamp}`, snapshot });
    }
    if (this.options.health && due.health) {
      const results = await this.options.health
        .collect()
        .catch((error: Error) => this.log('warn', 'health checks failed', { error: error.message }));
      if (results && results.length > 0)
        session.send({ v: PROTOCOL_VERSION, type: 'health', batchId: `health-${stamp}`, results });
    }
  }

  private revoked(reason: string, session?: AgentSession): void {
    if (this.status === 'revoked') return;
    this.status = 'revoked';
    this.files.forgetCredential();
    this.log('warn', 'this device was revoked by the desk; credential forgotten, agent stopping', { reason });
    session?.markRevoked(reason);
    void this.stopSources().then(() => this.end('revoked'));
  }

  /**
   * Terms art. 11 (4): removes the agent's data, reports the outcome (POST /v1/uninstall-report, which
   * takes the revoked credential), then removes the program and service (removeProgram).
   */
  private uninstall(reason: string, session: AgentSession): void {
    if (this.status === 'uninstalled') return;
    this.status = 'uninstalled';
    this.log('warn', 'uninstall requested by the desk; removing the agent data', { reason });
    session.close(1000, 'uninstalled');
    void this.stopSources().then(async () => {
      let report: {
        status: 'done' | 'failed';
        removed: ('credential' | 'buffer' | 'state' | 'service' | 'program')[];
        detail?: string;
      };
      try {
        this.buffer.destroy();
        this.files.removeEverything();
        const program = this.options.removeProgram?.();
        report = {
          status: 'done',
          removed: ['credential', 'buffer', 'state', ...(program?.removing ?? [])],
          detail: program?.detail ?? 'agent data removed; the program itself is removed by the OS package manager',
        };
      } catch (error) {
        report = { status: 'failed', removed: [], detail: (error as Error).message };
      }
      if (this.deviceCredential)
        await reportUninstall(this.options.serverUrl, this.deviceCredential, { ...report, heardBy: 'websocket' }).then(
          () => this.log('info', 'uninstall reported to the desk', { status: report.status }),
          (error: Error) => this.log('error', 'could not report the uninstall', { error: error.message }),
        );
      this.end('uninstalled');
    });
  }

  private async stopSources(): Promise<void> {
    for (const source of this.options.sources ?? []) await source.stop();
  }

  private end(status: AgentStatus): AgentStatus {
    if (this.status !== 'revoked' && this.status !== 'uninstalled') this.status = status;
    this.buffer.close();
    if (this.snapshotTimer) clearInterval(this.snapshotTimer);
    void this.stopSources();
    this.finish(this.status);
    return this.status;
  }

  get paused(): boolean {
    return this.isPaused();
  }

  private isPaused(): boolean {
    return this.pausedIndefinitely || Date.now() < this.pausedUntil;
  }

  private hostname(): string {
    return this.options.hostname ?? osHostname();
  }

  private os(): { name: string; version: string } {
    return this.options.os ?? { name: process.platform, version: process.version };
  }

  private log(level: 'info' | 'warn' | 'error', message: string, details: Record<string, unknown> = {}): void {
    const line = JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...details });
    this.recentLog.push(line);
    if (this.recentLog.length > 500) this.recentLog.shift();
    if (this.options.log) this.options.log(level, message, details);
    else console.error(line);
  }
}
