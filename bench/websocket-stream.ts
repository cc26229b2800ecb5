import { AgentConnection, type Enrollment } from '../agent/protocol-client.js';
import { PROTOCOL_VERSION, type ServerMessage } from '../agent-protocol/index.js';
import type { PlannedBatch } from './batch-plan.js';

/** A planned batch as sent: its body may be kept as UTF-8 bytes (10 million events' bodies do not fit as strings). */
export type SendableBatch = Omit<PlannedBatch, 'body'> & { body: string | Buffer };

/**
 * Agents streaming planned batches over the real WebSocket as well-behaved agents do: each says hello,
 * keeps to the `maxInFlightBatches` its welcome advertises (at most 4, the simulator's default), sends
 * nothing new while told to `slow_down`, and re-sends a batch refused for load after the delay asked.
 * Used by the ingest and noisy-neighbour parts; the ack latency of every batch is pushed to `latencies`.
 */
export interface OpenAgents {
  connections: AgentConnection[];
  /** The window each agent keeps to: its welcome's maxInFlightBatches, at most 4. */
  windows: number[];
}

export async function openAgents(url: string, agents: readonly Enrollment[]): Promise<OpenAgents> {
  const connections = await Promise.all(agents.map((agent) => AgentConnection.open(url, agent.credential)));
  // Each says hello once all are connected.
  const windows = await Promise.all(
    connections.map(async (connection) => Math.min(4, await welcomeWindow(connection))),
  );
  return { connections, windows };
}

/** Says hello and returns the welcome's maxInFlightBatches. */
async function welcomeWindow(connection: AgentConnection): Promise<number> {
  const welcome = connection.next(
    (message): message is Extract<ServerMessage, { type: 'welcome' }> => message.type === 'welcome',
    60_000,
  );
  connection.send({
    v: PROTOCOL_VERSION,
    type: 'hello',
    agentVersion: '0.1.0',
    hostname: 'BENCH',
    os: { name: 'Windows 11 Pro', version: '23H2' },
  });
  return (await welcome).limits.maxInFlightBatches;
}

/**
 * Sends every agent's plan and resolves when every batch is acknowledged. With `paceEventsPerSecond`, the batches
 * of all agents together leave at that rate (each waits for its due time before its clock starts).
 */
export async function streamBatches(
  { connections, windows }: OpenAgents,
  plans: readonly (readonly SendableBatch[])[],
  paceEventsPerSecond: number | undefined,
  latencies: number[],
): Promise<void> {
  const quietUntil = connections.map(() => 0);
  const stopListening = connections.map((connection, i) =>
    connection.subscribe((message) => {
      if (message.type === 'slow_down') quietUntil[i] = Math.max(quietUntil[i]!, Date.now() + message.retryAfterMs);
    }),
  );
  const started = performance.now();
  let scheduled = 0;
  const pace = async (batch: SendableBatch) => {
    const due = started + (scheduled / paceEventsPerSecond!) * 1000;
    scheduled += batch.events;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  };
  try {
    await Promise.all(
      connections.map(async (connection, i) => {
        const inFlight = new Set<Promise<void>>();
        for (const batch of plans[i]!) {
          const quiet = quietUntil[i]! - Date.now();
          if (quiet > 0) await new Promise((resolve) => setTimeout(resolve, quiet));
          const pending = sendPlanned(
            connection,
            batch,
            paceEventsPerSecond ? () => pace(batch) : undefined,
            latencies,
          );
          inFlight.add(pending);
          void pending.finally(() => inFlight.delete(pending));
          if (inFlight.size >= windows[i]!) await Promise.race(inFlight);
        }
        await Promise.all(inFlight);
      }),
    );
  } finally {
    for (const stop of stopListening) stop();
  }
}

async function sendPlanned(
  connection: AgentConnection,
  batch: SendableBatch,
  pace: (() => Promise<void>) | undefined,
  latencies: number[],
): Promise<void> {
  if (pace) await pace();
  const sent = performance.now();
  // Like a real agent: a batch refused for load is re-sent after the delay the server asked for.
  for (;;) {
    const reply = await connection.sendPreparedBatch(batch.batchId, batch.body);
    if (reply.type === 'ack') break;
    if (reply.code !== 'server_busy' && reply.code !== 'rate_limited')
      throw new Error(`batch ${batch.batchId} was refused: ${JSON.stringify(reply)}`);
    await new Promise((resolve) => setTimeout(resolve, reply.retryAfterMs ?? 1000));
  }
  latencies.push(performance.now() - sent);
}
