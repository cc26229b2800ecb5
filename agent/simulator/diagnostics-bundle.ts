import { DEFAULT_AGENT_CONFIG } from '../../agent-protocol/index.js';
import type { SimulatedDevice } from './office-roster.js';

/**
 * What a simulated PC sends for a request_diagnostics command: the keys of the reference agent's bundle
 * (agent/agent-runtime.ts: agentVersion, buffer, config, paused, os, recentLog), so the desk shows the
 * same thing for either. The simulator buffers in memory and keeps no log of its own; the counters
 * stand in for the buffer state and the log says so.
 */
export function diagnosticsBundleOf(
  device: SimulatedDevice,
  counters: { eventsAccepted: number; eventsRejected: number; batches: number; retries: number; reconnects: number },
  agentVersion: string,
): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    agentVersion,
    buffer: { pendingEvents: 0, acknowledgedEvents: counters.eventsAccepted, rejectedEvents: counters.eventsRejected },
    config: DEFAULT_AGENT_CONFIG,
    paused: false,
    os: { name: device.windows.name, version: device.windows.version, build: device.windows.build },
    hostname: device.hostname,
    recentLog: [
      JSON.stringify({ time: now, level: 'info', msg: 'diagnostics requested by the desk', hostname: device.hostname }),
      JSON.stringify({
        time: now,
        level: 'info',
        msg: 'delivery so far',
        batches: counters.batches,
        retries: counters.retries,
        reconnects: counters.reconnects,
      }),
    ],
  };
}
