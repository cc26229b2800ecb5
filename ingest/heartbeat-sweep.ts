import { CLOSE_CODES } from '../agent-protocol/index.js';
import type { AgentConnection } from './agent-connection.js';

/**
 * Pings every agent connection, and closes those that answered nothing (no message, no pong) since the
 * last sweep: a few hundred per turn of the event loop, so that 10,000 agents do not stall acks.
 */
const HEARTBEAT_SWEEP_CHUNK = 250;

export function sweepHeartbeats(connections: AgentConnection[], from = 0): void {
  for (const connection of connections.slice(from, from + HEARTBEAT_SWEEP_CHUNK)) {
    // While we are not reading a socket (backpressure, or its device's own limits) its pongs are not read either.
    if (connection.readingPaused || connection.socket.readyState !== connection.socket.OPEN) continue;
    if (!connection.alive) {
      connection.socket.close(CLOSE_CODES.heartbeatTimeout, 'no heartbeat or pong within two intervals');
      continue;
    }
    connection.alive = false;
    connection.socket.ping();
  }
  const next = from + HEARTBEAT_SWEEP_CHUNK;
  if (next < connections.length) setImmediate(() => sweepHeartbeats(connections, next));
}
