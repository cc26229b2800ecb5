import type { RawData, WebSocket } from 'ws';
import { PROTOCOL_VERSION, type ServerMessage } from '../agent-protocol/index.js';
import type { DeviceReadWait } from './device-read-holds.js';
import type { DeviceIdentity } from './event-rows.js';
import type { ScheduledConnection } from './read-scheduler.js';

/**
 * One authenticated agent's WebSocket as the gateway and its read scheduler see it: the socket paused and
 * resumed for the scheduler, `slow_down` at the gateway's bound (once until the socket is read again), and
 * how long its device's own limits keep it unread.
 */
export interface AgentConnection extends ScheduledConnection {
  socket: WebSocket;
  device: DeviceIdentity;
  alive: boolean;
  toldToSlowDown: boolean;
}

export interface AgentConnectionOptions {
  /** How long the device's own limits keep its socket unread (device-isolation.ts). */
  deviceReadWait: (deviceId: string) => DeviceReadWait | undefined;
  /** A slow_down was sent at the gateway's bound. */
  onSlowDown: () => void;
}

export function createAgentConnection(
  socket: WebSocket,
  device: DeviceIdentity,
  options: AgentConnectionOptions,
): AgentConnection {
  const connection: AgentConnection = {
    socket,
    device,
    deviceId: device.deviceId,
    frames: [],
    inFlight: 0,
    bytesInFlight: 0,
    ready: false,
    readingPaused: false,
    alive: true,
    toldToSlowDown: false,
    open: () => socket.readyState === socket.OPEN,
    pauseReading: () => socket.pause(),
    resumeReading: () => {
      connection.toldToSlowDown = false;
      socket.resume();
    },
    tellToSlowDown: (retryAfterMs) => {
      if (connection.toldToSlowDown) return;
      connection.toldToSlowDown = true;
      options.onSlowDown();
      sendToAgent(connection, {
        v: PROTOCOL_VERSION,
        type: 'slow_down',
        retryAfterMs,
        reason: 'the gateway holds as many unacknowledged events as it may; waiting for writes',
      });
    },
    deviceReadWait: () => options.deviceReadWait(device.deviceId),
  };
  return connection;
}

/** Sends when the socket is open; a message to a closed agent is dropped (it re-sends after reconnecting). */
export function sendToAgent(connection: AgentConnection, message: ServerMessage): void {
  if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(JSON.stringify(message));
}

/** What a device that was held for its own limits is told: how long, and why (PROTOCOL.md §8). */
export function deviceHoldNotice(wait: DeviceReadWait): ServerMessage {
  if (wait.reason === 'fair_share')
    return {
      v: PROTOCOL_VERSION,
      type: 'slow_down',
      retryAfterMs: wait.waitMs,
      reason: `the gateway is busy and this device sends more than its share of it; its next message waits about ${wait.waitMs} ms (it is kept, not refused)`,
    };
  const why =
    wait.reason === 'read_budget'
      ? 'this device sent more bytes than its read budget allows'
      : 'too many messages of this device were refused lately';
  return {
    v: PROTOCOL_VERSION,
    type: 'slow_down',
    retryAfterMs: wait.waitMs,
    reason: `${why}; its connection is not read for ${wait.waitMs} ms`,
  };
}

/** ws hands a message as one Buffer, or as fragments. */
export function frameBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
