import type { AgentConnection } from '../agent/protocol-client.js';
import type { LogEvent } from '../agent-protocol/index.js';
import type { OfficePlan } from '../agent/simulator/index.js';
import { benchOffice } from './batch-plan.js';

/**
 * The streaming window of the `connections` part, on the agents' side (run inside agents-process.ts): each
 * connected agent also sends a batch of its own simulated PC's events every interval, at a random phase of its
 * own and with ±10 % jitter on each interval, as a well-behaved agent does: it keeps to the window its welcome
 * advertised, sends nothing new while told to `slow_down`, and re-sends a batch refused for load after the delay
 * asked. While measuring, it records each batch's ack latency (first send → ack) and the events acknowledged.
 */
export interface StreamPlan {
  /** Where the bench office's days start (batch-plan.ts planStart), the same in every agents process. */
  planStartMs: number;
  /** PCs in the office: every agent of the run, so that agent n plays PC n whichever process holds it. */
  officeAgents: number;
  /** The office PC of this process's first agent. */
  firstAgent: number;
  eventsPerAgent: number;
  batchSize: number;
}

export interface PreparedBatch {
  batchId: string;
  body: Buffer;
  events: number;
}

export interface StreamingAgent {
  connection: AgentConnection;
  /** The welcome's maxInFlightBatches, at most 4 as in websocket-stream.ts. */
  window: number;
}

/** What one process saw in the measurement window. */
export interface StreamWindowFigures {
  /** Ack latency of every batch first sent in the window, answered by the end of the grace. */
  ackMs: number[];
  batchesSent: number;
  /** Batches sent in the window with no ack by the end of the grace: slower than every answered one. */
  unanswered: number;
  eventsAckedInWindow: number;
  /** Re-sends after server_busy or rate_limited, in the window. */
  retriesForLoad: number;
  slowDownsReceived: number;
  /** Replies other than ack, server_busy and rate_limited, by code (a bench agent never sends a bad batch). */
  refused: Record<string, number>;
  /** Agents that ran out of prepared batches before the window ended (the plan was too short). */
  agentsOutOfBatches: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What an agents process built before connecting, for the part's details. */
export interface PreparedFigures {
  batches: number;
  events: number;
  bytes: number;
  seconds: number;
}

/**
 * Every agent's batches, built and serialised before its agents connect (about 20 ms of CPU per agent at scale 1,
 * minutes for a process's share, which would otherwise starve the gateway during a window, or leave the agents'
 * pings unanswered while connected): its PC's first `eventsPerAgent` events, in batches of exactly `batchSize`.
 * Unlike batch-plan.ts's batches these may span two days: the plan's first days are a weekend, nearly empty, and
 * a batch cut at each day's end would make the rate asked for a rate of small batches.
 */
export async function prepareStreamBatches(
  plan: StreamPlan,
  agents: number,
): Promise<{ batches: PreparedBatch[][]; figures: PreparedFigures }> {
  const started = performance.now();
  const office = benchOffice(plan.officeAgents, plan.eventsPerAgent, plan.planStartMs);
  const all: PreparedBatch[][] = [];
  for (let i = 0; i < agents; i += 1) {
    all.push(agentStreamBatches(office, plan, plan.firstAgent + i));
    // Between agents the process's loop turns, so its IPC (progress, a request to close) is not held for minutes.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const flat = all.flat();
  return {
    batches: all,
    figures: {
      batches: flat.length,
      events: flat.reduce((sum, batch) => sum + batch.events, 0),
      bytes: flat.reduce((sum, batch) => sum + batch.body.length, 0),
      seconds: (performance.now() - started) / 1000,
    },
  };
}

function agentStreamBatches(office: OfficePlan, plan: StreamPlan, pc: number): PreparedBatch[] {
  const device = office.devices[pc];
  if (!device) throw new Error(`the bench office has ${office.devices.length} PCs, not a PC for agent ${pc}`);
  const events: LogEvent[] = [];
  for (let day = 0; day < office.days && events.length < plan.eventsPerAgent; day += 1)
    events.push(...office.eventsFor(device, day));
  if (events.length < plan.eventsPerAgent)
    throw new Error(`the simulated PC of agent ${pc} holds ${events.length} events, not ${plan.eventsPerAgent}`);
  const batches: PreparedBatch[] = [];
  for (let first = 0; first < plan.eventsPerAgent; first += plan.batchSize) {
    const batchId = `stream-a${pc}-${first}`;
    const slice = events.slice(first, Math.min(first + plan.batchSize, plan.eventsPerAgent));
    const body = JSON.stringify({ v: 1, type: 'events', batchId, events: slice });
    batches.push({ batchId, body: Buffer.from(body), events: slice.length });
  }
  return batches;
}

export class AgentStreams {
  private measuring = false;
  private stopped = false;
  private figures = AgentStreams.emptyFigures();
  /** Batches first sent while measuring whose ack has not come yet. */
  private readonly pending = new Set<number>();
  private batchKeys = 0;
  private ackedTotal = 0;

  constructor(
    private readonly agents: readonly StreamingAgent[],
    private readonly batches: readonly (readonly PreparedBatch[])[],
  ) {}

  private static emptyFigures(): StreamWindowFigures {
    return {
      ackMs: [],
      batchesSent: 0,
      unanswered: 0,
      eventsAckedInWindow: 0,
      retriesForLoad: 0,
      slowDownsReceived: 0,
      refused: {},
      agentsOutOfBatches: 0,
    };
  }

  /** Events acknowledged since streaming began (for progress lines). */
  get eventsAcked(): number {
    return this.ackedTotal;
  }

  start(intervalMs: number): void {
    for (const [i, agent] of this.agents.entries()) void this.stream(agent, this.batches[i] ?? [], intervalMs);
  }

  measure(on: boolean): void {
    if (on) {
      this.figures = AgentStreams.emptyFigures();
      this.pending.clear();
    }
    this.measuring = on;
  }

  /** The window's figures, once every batch sent in it is answered or `graceMs` has passed. */
  async windowFigures(graceMs: number): Promise<StreamWindowFigures> {
    const deadline = performance.now() + graceMs;
    while (this.pending.size > 0 && performance.now() < deadline) await sleep(100);
    return { ...this.figures, unanswered: this.pending.size };
  }

  stop(): void {
    this.stopped = true;
  }

  private async stream(agent: StreamingAgent, batches: readonly PreparedBatch[], intervalMs: number): Promise<void> {
    let quietUntil = 0;
    agent.connection.subscribe((message) => {
      if (message.type !== 'slow_down') return;
      quietUntil = Math.max(quietUntil, Date.now() + message.retryAfterMs);
      if (this.measuring) this.figures.slowDownsReceived += 1;
    });
    const inFlight = new Set<Promise<void>>();
    let due = performance.now() + Math.random() * intervalMs;
    for (const batch of batches) {
      await sleep(due - performance.now());
      while (quietUntil > Date.now()) await sleep(quietUntil - Date.now());
      if (inFlight.size >= agent.window) await Promise.race(inFlight);
      if (this.stopped || agent.connection.closeCode !== undefined) return;
      const sending = this.send(agent.connection, batch);
      inFlight.add(sending);
      void sending.finally(() => inFlight.delete(sending));
      due += intervalMs * (0.9 + 0.2 * Math.random());
    }
    if (this.measuring) this.figures.agentsOutOfBatches += 1;
  }

  private async send(connection: AgentConnection, batch: PreparedBatch): Promise<void> {
    const inWindow = this.measuring;
    const key = (this.batchKeys += 1);
    if (inWindow) {
      this.figures.batchesSent += 1;
      this.pending.add(key);
    }
    const sent = performance.now();
    for (;;) {
      const reply = await Promise.race([
        connection.sendPreparedBatch(batch.batchId, batch.body),
        connection.closed.then(() => undefined),
      ]);
      if (reply === undefined || this.stopped) return; // closed: stays pending, counted as unanswered
      if (reply.type === 'ack') break;
      if (reply.code !== 'server_busy' && reply.code !== 'rate_limited') {
        if (inWindow) {
          this.figures.refused[reply.code] = (this.figures.refused[reply.code] ?? 0) + 1;
          this.pending.delete(key);
        }
        return;
      }
      if (this.measuring) this.figures.retriesForLoad += 1;
      await sleep(reply.retryAfterMs ?? 1000);
    }
    this.ackedTotal += batch.events;
    if (this.measuring) this.figures.eventsAckedInWindow += batch.events;
    if (inWindow && this.pending.delete(key)) this.figures.ackMs.push(performance.now() - sent);
  }
}
