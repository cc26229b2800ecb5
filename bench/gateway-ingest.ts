import { rmSync } from 'node:fs';
import { AgentConnection, enroll, type Enrollment } from '../agent/protocol-client.js';
import { freshDataDir } from '../harness/data-dir.js';
import {
  agentBatches,
  benchOffice,
  CONFLICT_USER,
  plannedBatch,
  planStart,
  type BatchLocator,
  type PlannedBatch,
} from './batch-plan.js';
import { participantWithSecret, startGateway } from './gateway-process.js';

/**
 * Fills a fresh data directory through the real gateway, for the benchmarks that look at what was
 * stored (`duplicates`, `storage`): agents over loopback WebSocket send the seeded batches of
 * batch-plan.ts, optionally re-sending some of them with the same batchId and events, and the
 * gateway is stopped cleanly afterwards so that another process can open the directory (chDB binds
 * one data directory per process). Batches are made as they are sent, so 1e7 events fit in memory.
 */
export interface GatewayIngestOptions {
  events: number;
  agents: number;
  batchSize: number;
  /** Re-send one batch in this many (10 = 10 %); 0 re-sends none. */
  resendEvery: number;
  /**
   * After the stream, send one batch in this many again with other content (each event's user changed to
   * CONFLICT_USER, under a new batchId): first write wins, so every one of those events must be refused as
   * `conflicting_resend` and none stored. 0 (the default) sends none.
   */
  conflictEvery?: number;
  label: string;
}

/** What was sent, enough to make every batch again (plannedBatch is deterministic). */
export interface IngestedData {
  dataDir: string;
  agents: number;
  eventsPerAgent: number;
  batchSize: number;
  phase: number;
  start: number;
  /** Distinct events sent: each event once, however many times its batch went. */
  distinctEvents: number;
  batches: number;
  resentBatches: number;
  resentEvents: number;
  /** Re-sent right after the first copy was acknowledged (lost ack), and after the agent's whole stream (replay after a reconnect). */
  resentRightAway: number;
  resentAtEnd: number;
  /** Sum of `accepted` over every ack, copies included. */
  acceptedEvents: number;
  /** Batches and events sent again with other content (conflictEvery), and how the gateway answered them. */
  conflicting: {
    batches: number;
    events: number;
    refusedAsConflicting: number;
    accepted: number;
    otherRefusals: number;
  };
  seconds: number;
}

const PHASE = 0;
const IN_FLIGHT_PER_AGENT = 4;

export async function ingestOverGateway(
  options: GatewayIngestOptions,
  log: (line: string) => void,
): Promise<IngestedData> {
  const eventsPerAgent = Math.ceil(options.events / options.agents);
  const batchesPerAgent = Math.ceil(eventsPerAgent / options.batchSize);
  const start = planStart();
  const office = benchOffice(options.agents, eventsPerAgent, start);
  const dataDir = freshDataDir(options.label);
  let keep = false;
  const setUp = async () => {
    const { secret } = await participantWithSecret(dataDir, 'ベンチマーク株式会社');
    const gateway = await startGateway(dataDir, {
      INGEST_DEVICE_EVENTS_PER_SECOND: '1000000000',
      INGEST_DEVICE_BURST_EVENTS: '1000000000',
    });
    return { secret, gateway };
  };
  const { secret, gateway } = await setUp().catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  const counts = { acked: 0, resent: 0, resentEvents: 0, rightAway: 0, atEnd: 0, accepted: 0 };
  const conflicting = { batches: 0, events: 0, refusedAsConflicting: 0, accepted: 0, otherRefusals: 0 };
  const conflictEvery = options.conflictEvery ?? 0;
  try {
    log(`${options.label}: enrolling ${options.agents} agents…`);
    const agents: Enrollment[] = [];
    for (let i = 0; i < options.agents; i += 20) {
      const group = Array.from({ length: Math.min(20, options.agents - i) }, (_, j) =>
        enroll(gateway.url, secret, `BENCH-${i + j}`),
      );
      agents.push(...(await Promise.all(group)));
    }
    const connections = await Promise.all(agents.map((agent) => AgentConnection.open(gateway.url, agent.credential)));
    const totalBatches = options.agents * batchesPerAgent;
    const plannedResends = options.resendEvery > 0 ? Math.round(totalBatches / options.resendEvery) : 0;
    log(
      `${options.label}: sending ${k(eventsPerAgent * options.agents)} events in ${k(totalBatches)} batches${plannedResends ? `, re-sending about ${k(plannedResends)} of them` : ''}…`,
    );
    const started = performance.now();
    const ticker = setInterval(() => {
      const seconds = (performance.now() - started) / 1000;
      log(
        `${options.label}: acknowledged ${k(counts.acked)}/${k(totalBatches + plannedResends)} batches (${k(counts.resent)} of them re-sent copies), ${k(counts.accepted / seconds)} events/s`,
      );
    }, 3000);
    const send = async (connection: AgentConnection, batch: PlannedBatch) => {
      const accepted = await sendUntilAcked(connection, batch);
      counts.accepted += accepted;
      counts.acked += 1;
    };
    const resend = async (connection: AgentConnection, batch: PlannedBatch, when: 'rightAway' | 'atEnd') => {
      await send(connection, batch);
      counts.resent += 1;
      counts.resentEvents += batch.events;
      counts[when] += 1;
    };
    try {
      await Promise.all(
        connections.map(async (connection, agent) => {
          const inFlight = new Set<Promise<void>>();
          let failure: unknown;
          const limit = async (work: Promise<void>) => {
            const tracked = work.catch((error: unknown) => void (failure ??= error));
            inFlight.add(tracked);
            void tracked.finally(() => inFlight.delete(tracked));
            if (inFlight.size >= IN_FLIGHT_PER_AGENT) await Promise.race(inFlight);
            if (failure) throw failure;
          };
          const later: BatchLocator[] = [];
          const changed: BatchLocator[] = [];
          let index = -1;
          for (const batch of agentBatches(office, agent, PHASE, eventsPerAgent, options.batchSize)) {
            index += 1;
            const again = options.resendEvery > 0 && (index + agent) % options.resendEvery === 0;
            // Half of the chosen batches go again as soon as their ack is in (the ack was "lost"),
            // the other half after the agent's whole stream (a replay after a reconnect).
            const rightAway = again && ((index + agent) / options.resendEvery + agent) % 2 === 0;
            if (again && !rightAway) later.push(batch.at);
            // Numbered across agents (batch index × agents + agent), so that even a small run changes one.
            if (conflictEvery > 0 && (index * options.agents + agent) % conflictEvery === 0) changed.push(batch.at);
            await limit(
              send(connection, batch).then(() => (rightAway ? resend(connection, batch, 'rightAway') : undefined)),
            );
          }
          // A replay comes after the first copies were answered (or given up on): the protocol
          // client matches acks by batchId, so one batchId must not be in flight twice at once.
          await Promise.all(inFlight);
          for (const at of later) {
            const batch = plannedBatch(office, agent, PHASE, at);
            await limit(resend(connection, batch, 'atEnd'));
          }
          await Promise.all(inFlight);
          for (const at of changed) {
            const answer = await sendChanged(connection, plannedBatch(office, agent, PHASE, at));
            conflicting.batches += 1;
            conflicting.events += answer.events;
            conflicting.refusedAsConflicting += answer.refusedAsConflicting;
            conflicting.accepted += answer.accepted;
            conflicting.otherRefusals += answer.otherRefusals;
          }
          if (failure) throw failure;
        }),
      );
    } finally {
      clearInterval(ticker);
    }
    const seconds = (performance.now() - started) / 1000;
    log(
      `${options.label}: ${k(counts.acked)} batches acknowledged in ${seconds.toFixed(1)} s (${k(counts.resent)} re-sent copies); stopping the gateway…`,
    );
    await Promise.all(connections.map((connection) => connection.close()));
    keep = true;
    return {
      dataDir,
      agents: options.agents,
      eventsPerAgent,
      batchSize: options.batchSize,
      phase: PHASE,
      start,
      distinctEvents: eventsPerAgent * options.agents,
      batches: totalBatches,
      resentBatches: counts.resent,
      resentEvents: counts.resentEvents,
      resentRightAway: counts.rightAway,
      resentAtEnd: counts.atEnd,
      acceptedEvents: counts.accepted,
      conflicting,
      seconds,
    };
  } finally {
    await gateway.stop();
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Sends a batch until it is acknowledged, waiting as told when the gateway is busy; returns `accepted`. */
async function sendUntilAcked(connection: AgentConnection, batch: PlannedBatch): Promise<number> {
  for (;;) {
    const reply = await connection.sendPreparedBatch(batch.batchId, batch.body);
    if (reply.type === 'ack') {
      if (reply.rejected.length > 0 || reply.accepted !== batch.events)
        throw new Error(
          `batch ${batch.batchId}: ${reply.accepted} of ${batch.events} accepted, ${JSON.stringify(reply.rejected.slice(0, 3))}`,
        );
      return reply.accepted;
    }
    if (reply.code !== 'server_busy' && reply.code !== 'rate_limited')
      throw new Error(`batch ${batch.batchId} was refused: ${JSON.stringify(reply)}`);
    await new Promise((resolve) => setTimeout(resolve, reply.retryAfterMs ?? 1000));
  }
}

/**
 * A batch sent again with other content: its events' user changed, under a new batchId (an agent that lost its
 * queue and made the batch again from a changed source). Answers how the gateway took each event.
 */
async function sendChanged(
  connection: AgentConnection,
  batch: PlannedBatch,
): Promise<{ events: number; refusedAsConflicting: number; accepted: number; otherRefusals: number }> {
  const original = JSON.parse(batch.body) as { v: number; type: string; batchId: string; events: object[] };
  const batchId = `${batch.batchId}-changed`;
  const events = original.events.map((event) => ({ ...event, user: CONFLICT_USER }));
  const changed: PlannedBatch = {
    batchId,
    body: JSON.stringify({ ...original, batchId, events }),
    events: events.length,
  };
  for (;;) {
    const reply = await connection.sendPreparedBatch(changed.batchId, changed.body);
    if (reply.type === 'ack') {
      const refusedAsConflicting = reply.rejected.filter((r) => r.code === 'conflicting_resend').length;
      return {
        events: events.length,
        refusedAsConflicting,
        accepted: reply.accepted,
        otherRefusals: reply.rejected.length - refusedAsConflicting,
      };
    }
    if (reply.code !== 'server_busy' && reply.code !== 'rate_limited')
      throw new Error(`changed batch ${changed.batchId} was refused whole: ${JSON.stringify(reply)}`);
    await new Promise((resolve) => setTimeout(resolve, reply.retryAfterMs ?? 1000));
  }
}

/** Every distinct event once, as the protocol JSON of the event, one per line: what a JSON-lines log of them would weigh. */
export function jsonLinesBytes(data: IngestedData): number {
  let bytes = 0;
  const office = benchOffice(data.agents, data.eventsPerAgent, data.start);
  for (let agent = 0; agent < data.agents; agent += 1) {
    for (const batch of agentBatches(office, agent, data.phase, data.eventsPerAgent, data.batchSize)) {
      for (const event of (JSON.parse(batch.body) as { events: unknown[] }).events)
        bytes += Buffer.byteLength(JSON.stringify(event)) + 1;
    }
  }
  return bytes;
}

export const k = (n: number) => Math.round(n).toLocaleString('en-US');
