import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { randomUUID } from 'node:crypto';
import {
  CLOSE_CODES,
  PROTOCOL_VERSION,
  WEBSOCKET_SUBPROTOCOL,
  type ServerCommand,
  type ServerMessage,
} from '../agent-protocol/index.js';
import {
  createAgentConnection,
  deviceHoldNotice,
  frameBytes,
  sendToAgent,
  type AgentConnection,
} from './agent-connection.js';
import { FairShare } from './fair-share.js';
import { sweepHeartbeats } from './heartbeat-sweep.js';
import type { IngestService } from './ingest-service.js';
import { protocolError } from './protocol-replies.js';
import type { IngestMetrics } from './metrics.js';
import { ReadScheduler, type Hold, type QueuedFrame } from './read-scheduler.js';
import { closeReason, refuseConnection, refuseCredential } from './upgrade-refusal.js';

/**
 * Agents' WebSocket endpoint (GET /v1/agent). One JSON message per text frame. The connection is
 * authenticated from its upgrade request; each batch is answered after it is stored; reading stops
 * while too many batches of the connection are in flight, while the writers are behind, or while its
 * device is over its own limits (read-scheduler.ts), so a slow engine or a misbehaving device pushes
 * back on TCP windows instead of growing the gateway's memory or taking its time.
 */
export const AGENT_WEBSOCKET_PATH = '/v1/agent';

export class WebSocketGateway {
  private readonly server: WebSocketServer;
  private readonly connections = new Map<string, AgentConnection>();
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private accepting = true;
  private readonly reader: ReadScheduler<AgentConnection>;

  constructor(
    private readonly ingest: IngestService,
    private readonly metrics: IngestMetrics,
    private readonly logger: Logger,
  ) {
    const { limits } = ingest;
    this.server = new WebSocketServer({
      noServer: true,
      // Messages between the limit and twice the limit get a clear message_too_large error and the
      // connection stays open; beyond that ws closes with 1009 before buffering more.
      maxPayload: limits.maxMessageBytes * 2,
      perMessageDeflate: false,
      handleProtocols: (protocols) => (protocols.has(WEBSOCKET_SUBPROTOCOL) ? WEBSOCKET_SUBPROTOCOL : false),
    });
    this.reader = new ReadScheduler<AgentConnection>({
      maxUnacknowledgedEvents: limits.maxUnacknowledgedEvents,
      maxInFlightPerConnection: limits.maxInFlightBatches,
      expectedEventsPerFrame: ingest.agentConfig.batchMaxEvents,
      maxEventsPerFrame: limits.maxEventsPerBatch,
      maxBytesInFlightPerConnection: limits.deviceMaxBytesInFlight,
      connectionCount: () => this.connections.size,
      writersBehind: () => ingest.isBehind(),
      connections: () => this.connections.values(),
      start: (connection, frame, hold) => void this.handleFrame(connection, frame, hold),
      onPause: () => metrics.readingPaused.inc(),
      onHeldChange: (held) => metrics.unacknowledgedEvents.set(held),
      fairShare: new FairShare({
        factor: limits.fairShareFactor,
        windowMs: limits.fairShareWindowMs,
        floorBytesPerSecond: limits.fairShareFloorBytesPerSecond,
      }),
      deviceHolds: {
        held: (connection, wait) => {
          metrics.deviceReadHolds.labels(wait.reason).inc();
          metrics.devicesReadHeld.set(this.reader.heldForDeviceLimits);
          sendToAgent(connection, deviceHoldNotice(wait));
        },
        released: () => metrics.devicesReadHeld.set(this.reader.heldForDeviceLimits),
      },
    });
    ingest.onWritersBehind(() => this.reader.checkBound());
    // welcome advertises the window this connection will be held to, sized for the agents connected now.
    ingest.advertiseInFlightWindow(() => this.reader.inFlightWindow());
    this.heartbeatTimer = setInterval(
      () => sweepHeartbeats([...this.connections.values()]),
      limits.heartbeatSeconds * 1000,
    );
    this.heartbeatTimer.unref();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  isConnected(deviceId: string): boolean {
    return this.connections.has(deviceId);
  }

  attach(httpServer: Server): void {
    httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname !== AGENT_WEBSOCKET_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      if (!this.accepting) {
        socket.end(
          'HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
        );
        return;
      }
      this.server.handleUpgrade(request, socket, head, (ws) => void this.onConnection(ws, request));
    });
  }

  private async onConnection(socket: WebSocket, request: IncomingMessage): Promise<void> {
    socket.on('error', (error) => this.logger.debug({ err: error }, 'agent socket error'));
    const offered = request.headers['sec-websocket-protocol'];
    if (offered && socket.protocol !== WEBSOCKET_SUBPROTOCOL) {
      const message = `Subprotocol ${offered} is not supported; offer ${WEBSOCKET_SUBPROTOCOL}.`;
      refuseConnection(socket, this.metrics, 'unsupported_version', message, CLOSE_CODES.unsupportedVersion);
      return;
    }
    socket.pause();
    const auth = await this.ingest.authenticator.authenticate(request.headers.authorization).catch((error: unknown) => {
      this.logger.error({ err: error }, 'authentication failed unexpectedly');
      return {
        ok: false as const,
        code: 'internal_error' as const,
        message: 'The server could not check the credential; retry later.',
      };
    });
    if (!auth.ok) {
      refuseCredential(socket, this.metrics, auth);
      return;
    }
    if (!this.accepting) {
      // Shutdown began while this agent was being authenticated: the sweep in shutdown() has passed, so close it
      // here, or the HTTP server would wait for this socket for ever. Reading resumes for the close handshake.
      socket.resume();
      socket.close(CLOSE_CODES.goingAway, 'server shutting down; reconnect later');
      return;
    }
    const { device } = auth;
    const connection = createAgentConnection(socket, device, {
      deviceReadWait: (deviceId) => this.ingest.deviceReadWait(deviceId),
      onSlowDown: () => this.metrics.slowDowns.inc(),
    });
    const previous = this.connections.get(device.deviceId);
    if (previous) previous.socket.close(CLOSE_CODES.replaced, 'replaced by a newer connection of the same device');
    this.connections.set(device.deviceId, connection);
    this.ingest.deviceConnected(device);
    this.metrics.connections.set(this.connections.size);

    // Art. 8: an agent that connects during a suspension is told to pause, like those connected when it began.
    const hold = this.ingest.maintenanceHold(device);
    if (hold)
      this.sendCommand(device.deviceId, {
        kind: 'pause',
        reason: hold.reason,
        ...(hold.until ? { until: hold.until.toISOString() } : {}),
      });
    socket.on('pong', () => (connection.alive = true));
    socket.on('message', (data, isBinary) => {
      connection.alive = true;
      const bytes = frameBytes(data);
      // Read, so paid for: the device's read budget counts it before the scheduler decides to read more.
      this.ingest.chargeRead(device.deviceId, bytes.length);
      this.reader.received(connection, { data: bytes, binary: isBinary });
    });
    socket.on('close', () => {
      if (this.connections.get(device.deviceId) === connection) this.connections.delete(device.deviceId);
      this.metrics.connections.set(this.connections.size);
    });
    socket.resume();
  }

  /** Handles one frame the read scheduler started; the bound is held until its reply is sent. */
  private async handleFrame(connection: AgentConnection, frame: QueuedFrame, hold: Hold): Promise<void> {
    try {
      const reply = frame.binary
        ? await this.ingest.refuseBinaryFrame(connection.device, frame.data.length)
        : await this.ingest.handleMessage(connection.device, frame.data.toString('utf8'), 'websocket', (events) =>
            hold.events(events),
          );
      if (reply) this.send(connection, reply);
    } finally {
      hold.release();
    }
  }

  private send(connection: AgentConnection, message: ServerMessage): void {
    sendToAgent(connection, message);
  }

  /** Sends a command to a connected device; false when it is not connected here. */
  sendCommand(deviceId: string, command: ServerCommand): string | undefined {
    const connection = this.connections.get(deviceId);
    if (!connection) return undefined;
    const commandId = randomUUID();
    if (command.kind === 'request_diagnostics') this.ingest.diagnosticsRequestSent(deviceId, command.requestId);
    this.send(connection, { v: PROTOCOL_VERSION, type: 'command', commandId, command });
    return commandId;
  }

  broadcastCommand(command: ServerCommand): number {
    for (const deviceId of this.connections.keys()) this.sendCommand(deviceId, command);
    return this.connections.size;
  }

  /** Tells a revoked device why, and closes its connection. */
  closeRevoked(deviceId: string, reason: string, uninstall = false): boolean {
    const connection = this.connections.get(deviceId);
    if (!connection) return false;
    this.sendCommand(deviceId, uninstall ? { kind: 'uninstall', reason } : { kind: 'revoke', reason });
    const message = `The device was revoked: ${reason || 'no reason given'}.`;
    this.send(connection, protocolError('credential_revoked', message));
    connection.socket.close(CLOSE_CODES.credentialRevoked, closeReason(message));
    this.connections.delete(deviceId);
    this.metrics.connections.set(this.connections.size);
    return true;
  }

  /** Stops taking connections and messages; in-flight batches are answered before the close. */
  async shutdown(graceMs: number): Promise<void> {
    this.accepting = false;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    for (const connection of this.connections.values()) connection.socket.pause();
    const deadline = Date.now() + graceMs;
    while ([...this.connections.values()].some((c) => c.inFlight > 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const closing = [...this.connections.values()].map(
      ({ socket }) =>
        new Promise<void>((resolve) => {
          const force = setTimeout(() => socket.terminate(), 2000);
          socket.once('close', () => {
            clearTimeout(force);
            resolve();
          });
          socket.resume(); // messages read from here on are answered "shutting_down"
          socket.close(CLOSE_CODES.goingAway, 'server shutting down; reconnect later');
        }),
    );
    await Promise.all(closing);
    // Sockets still being authenticated were in no list above: they go too, so the HTTP server can close.
    for (const socket of this.server.clients) socket.terminate();
    this.connections.clear();
    this.server.close();
  }
}
