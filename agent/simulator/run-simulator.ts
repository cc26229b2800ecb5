import type { HealthResult, LogEvent } from '../../agent-protocol/index.js';
import { DAY_MS, jstDayStart } from './japan-calendar.js';
import { planOffice, type OfficePlan, type PlantedIncident, type SimulatedDevice } from './office-plan.js';
import { DEFAULT_PARTICIPANT_NAMES } from './people-and-places.js';
import { RealtimeFeed } from './realtime-feed.js';
import { randomFor, type Seed } from './seeded-random.js';
import { SimulatedAgent, type AgentCounters } from './simulated-agent.js';

/**
 * runSimulator: plays every PC of the plan against a real Yorozu over the real protocol. Each PC
 * enrolls with its participant's secret and streams over its own WebSocket. Backfill sends N past days
 * as fast as the acks come back; real time sends each event when its time comes, in small batches every
 * 1-2 s. The clock is read here and only here (the default start, and "now" in real time).
 */
export interface SimulatorParticipant {
  secret: string;
  name?: string;
  /** Host-name prefix, e.g. SAKURA. */
  code?: string;
  /** Only echoed in the result, for the caller's convenience. */
  participantId?: string;
  devices?: number;
}

export interface SimulatorProgress {
  phase: 'enrolling' | 'sending' | 'done';
  devicesEnrolled: number;
  devices: number;
  eventsGenerated: number;
  eventsSent: number;
  eventsRejected: number;
  healthResultsSent: number;
  retries: number;
}

export interface RunSimulatorOptions {
  serverUrl: string;
  participants: readonly SimulatorParticipant[];
  seed: Seed;
  mode: 'backfill' | 'realtime';
  /** Backfill: days to send (default 7), ending with yesterday (JST) unless `start` is given. Real time: days planned ahead (default 365). */
  days?: number;
  /** Backfill: an instant of the first day. Events after the current time are never sent. */
  start?: Date | number | string;
  devicesPerParticipant?: number;
  scale?: number;
  /** Batches awaiting acks per agent (default 4, capped by the server's maxInFlightBatches). */
  inFlightPerAgent?: number;
  batchSize?: number;
  /** Agents sending at once in backfill (default 64). */
  concurrency?: number;
  /** Real time: stop after this long. Without it, stop on `signal`. */
  durationMs?: number;
  /** Stops either mode: the PCs close at once, and what they had not got acknowledged is given up. */
  signal?: AbortSignal;
  onProgress?: (progress: SimulatorProgress) => void;
  /** The clock; tests may pin it. */
  now?: () => number;
  /** Prefix of batch ids; a fresh one per run by default. */
  runId?: string;
}

export interface SimulatedDeviceSummary {
  deviceId: string;
  participantId: string;
  participant: string;
  hostname: string;
  user: string;
  department: string;
  instanceId: string;
}

export interface SimulatorResult {
  mode: 'backfill' | 'realtime';
  seed: string;
  /** The span of simulated time that was sent, epoch milliseconds and RFC 3339 UTC. */
  fromMs: number;
  toMs: number;
  from: string;
  to: string;
  devices: SimulatedDeviceSummary[];
  /** Incidents whose events were sent, with the enrolled deviceId filled in. */
  incidents: PlantedIncident[];
  eventsGenerated: number;
  /** Events the server acknowledged as stored. */
  eventsSent: number;
  eventsRejected: number;
  healthResultsSent: number;
  inventorySnapshotsSent: number;
  batches: number;
  retries: number;
  splits: number;
  reconnects: number;
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

function sumCounters(agents: readonly SimulatedAgent[]): AgentCounters {
  const total: AgentCounters = {
    eventsAccepted: 0,
    eventsRejected: 0,
    healthResultsAccepted: 0,
    inventorySnapshots: 0,
    batches: 0,
    retries: 0,
    splits: 0,
    reconnects: 0,
  };
  for (const agent of agents)
    for (const key of Object.keys(total) as (keyof AgentCounters)[]) total[key] += agent.counters[key];
  return total;
}

function sleepUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Past days of one PC, each day's events and health results, never beyond `untilMs`. */
function* backfillSource(
  plan: OfficePlan,
  device: SimulatedDevice,
  untilMs: number,
  generated: { events: number },
  signal: AbortSignal | undefined,
): Generator<{ events: LogEvent[]; health: HealthResult[] }> {
  for (let day = 0; day < plan.days && !signal?.aborted; day += 1) {
    const dayEnd = plan.startMs + (day + 1) * DAY_MS;
    let events = plan.eventsFor(device, day);
    let health = plan.healthFor(device, day);
    if (dayEnd > untilMs) {
      events = events.filter((e) => Date.parse(e.time) <= untilMs);
      health = health.filter((h) => Date.parse(h.time) <= untilMs);
    }
    generated.events += events.length;
    yield { events, health };
  }
}

export async function runSimulator(options: RunSimulatorOptions): Promise<SimulatorResult> {
  const clock = options.now ?? Date.now;
  const startedAt = clock();
  const runId = options.runId ?? `sim${startedAt.toString(36)}`;
  const realtime = options.mode === 'realtime';
  const days = options.days ?? (realtime ? 365 : 7);
  const start = realtime ? startedAt : (options.start ?? jstDayStart(startedAt) - days * DAY_MS);
  const plan = planOffice({
    seed: options.seed,
    days,
    start,
    scale: options.scale ?? 1,
    devicesPerParticipant: options.devicesPerParticipant ?? 5,
    participants: options.participants.map((p, i) => ({
      name: p.name ?? DEFAULT_PARTICIPANT_NAMES[i] ?? `参加者${i + 1}`,
      code: p.code,
      devices: p.devices,
    })),
  });

  const agents: SimulatedAgent[] = [];
  const generated = { events: 0 };
  const report = (phase: SimulatorProgress['phase']) => {
    const totals = sumCounters(agents);
    options.onProgress?.({
      phase,
      devicesEnrolled: agents.length,
      devices: plan.devices.length,
      eventsGenerated: generated.events,
      eventsSent: totals.eventsAccepted,
      eventsRejected: totals.eventsRejected,
      healthResultsSent: totals.healthResultsAccepted,
      retries: totals.retries,
    });
  };
  const ticker = setInterval(() => report(agents.length < plan.devices.length ? 'enrolling' : 'sending'), 1000);
  ticker.unref();
  const agentOptions = {
    inFlight: options.inFlightPerAgent ?? 4,
    runId,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
  };
  let endMs = startedAt;
  try {
    await forEachLimited(plan.devices, 16, async (device) => {
      if (options.signal?.aborted) return;
      const secret = options.participants[device.participantIndex]!.secret;
      agents.push(await SimulatedAgent.enroll(options.serverUrl, secret, device, agentOptions));
    });
    agents.sort((a, b) => plan.devices.indexOf(a.device) - plan.devices.indexOf(b.device));
    report('sending');
    if (realtime) endMs = await playRealtime(plan, agents, options, clock, startedAt, generated);
    else {
      endMs = Math.min(startedAt, plan.startMs + plan.days * DAY_MS);
      // On abort the PCs stop at once: closed agents give up their unacknowledged batches, as a stopped PC would.
      const stopAll = () => void Promise.all(agents.map((agent) => agent.close()));
      options.signal?.addEventListener('abort', stopAll, { once: true });
      try {
        await forEachLimited(agents, options.concurrency ?? 64, async (agent) => {
          try {
            const first = plan.scheduleFor(agent.device, 0);
            await agent.sendInventory(
              plan.inventoryFor(agent.device, first.present ? first.powerOnAt + 180_000 : plan.startMs + 9 * 3_600_000),
            );
            await agent.sendAll(backfillSource(plan, agent.device, endMs, generated, options.signal));
            await agent.close();
          } catch (error) {
            if (!options.signal?.aborted) throw error;
          }
        });
      } finally {
        options.signal?.removeEventListener('abort', stopAll);
      }
    }
  } finally {
    clearInterval(ticker);
    await Promise.all(agents.map((agent) => agent.close()));
  }
  report('done');

  const fromMs = realtime ? startedAt : plan.startMs;
  const idOf = new Map(agents.map((a) => [a.device.key, a.deviceId]));
  const incidents = plan
    .incidentsBetween(fromMs, endMs)
    .filter((i) => i.fromMs >= fromMs)
    .map((i) => ({ ...i, deviceId: idOf.get(i.deviceKey) }));
  const totals = sumCounters(agents);
  return {
    mode: options.mode,
    seed: plan.seed,
    fromMs,
    toMs: endMs,
    from: new Date(fromMs).toISOString(),
    to: new Date(endMs).toISOString(),
    devices: agents.map((agent) => ({
      deviceId: agent.deviceId,
      participantId: agent.enrollment.participantId,
      participant: agent.device.participantName,
      hostname: agent.device.hostname,
      user: agent.device.user,
      department: agent.device.department,
      instanceId: agent.device.instanceId,
    })),
    incidents,
    eventsGenerated: generated.events,
    eventsSent: totals.eventsAccepted,
    eventsRejected: totals.eventsRejected,
    healthResultsSent: totals.healthResultsAccepted,
    inventorySnapshotsSent: totals.inventorySnapshots,
    batches: totals.batches,
    retries: totals.retries,
    splits: totals.splits,
    reconnects: totals.reconnects,
  };
}

/** Sends each PC's events as their time comes, every 1-2 s, until the duration ends or the signal fires. */
async function playRealtime(
  plan: OfficePlan,
  agents: readonly SimulatedAgent[],
  options: RunSimulatorOptions,
  clock: () => number,
  startedAt: number,
  generated: { events: number },
): Promise<number> {
  const stopAt = options.durationMs !== undefined ? startedAt + options.durationMs : Number.POSITIVE_INFINITY;
  let abortedAt: number | undefined;
  const onAbort = () => (abortedAt ??= clock());
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const stopped = () => abortedAt !== undefined || clock() >= stopAt;
  // Every PC's last batch ends at the same instant, so the result's span is exactly what was sent.
  const endMs = () => Math.min(stopAt, abortedAt ?? Number.POSITIVE_INFINITY);
  const heartbeats = setInterval(() => agents.forEach((agent) => agent.heartbeatIfDue()), 5_000);
  heartbeats.unref();
  try {
    await Promise.all(
      agents.map(async (agent) => {
        const feed = new RealtimeFeed(plan, agent.device, startedAt);
        const pace = randomFor(options.runId ?? 'realtime', 'pace', agent.device.key);
        await agent.sendInventory(plan.inventoryFor(agent.device, clock()));
        for (;;) {
          if (!stopped())
            await sleepUnlessAborted(Math.min(pace.between(1000, 2000), Math.max(0, stopAt - clock())), options.signal);
          const last = stopped();
          const due = feed.takeUntil(last ? endMs() : Math.min(clock(), stopAt));
          generated.events += due.events.length;
          if (due.events.length > 0 || due.health.length > 0) await agent.sendAll([due]);
          if (last) break;
        }
      }),
    );
  } finally {
    clearInterval(heartbeats);
    options.signal?.removeEventListener('abort', onAbort);
  }
  return endMs();
}
