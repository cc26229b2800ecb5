import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { enroll, type Enrollment } from '../agent/protocol-client.js';
import { freshDataDir } from '../harness/data-dir.js';
import { benchOffice, PHASE_SEQ, planAgentBatches, planStart } from './batch-plan.js';
import { participantWithSecret, startGateway, type BenchGateway } from './gateway-process.js';
import { percentile } from './latency.js';
import { spawnNeighbour, startNeighbour, stopNeighbour } from './misbehaving-device-control.js';
import type { FromNeighbour, Misbehaviour } from './misbehaving-device-process.js';
import {
  compareWindows,
  comparePairs,
  counterGrowth,
  counterSamples,
  counterTotals,
  type LatencyFigures,
  type NeighbourComparison,
  type PairedComparison,
} from './noisy-neighbour-figures.js';
import { MISBEHAVIOURS } from './noisy-neighbour-rows.js';
import { openAgents, streamBatches, type OpenAgents } from './websocket-stream.js';

/**
 * `noisy-neighbour`: good agents stream at a moderate fixed rate and their acknowledgement latency is measured
 * alone, then while one misbehaving device (misbehaving-device-process.ts) floods bad messages, sends 4 MiB
 * messages back to back, sends diagnostics nobody asked for, or cycles through 2,000 unknown credentials. Each
 * misbehaviour gets `pairs` interleaved pairs of windows (alone, with the neighbour, alone, …), on one gateway with
 * the production isolation limits: one pair's p99 is at the mercy of a shared machine, the median of several is not.
 */
export interface NoisyNeighbourOptions {
  /** Events of all good agents in one window (alone or not), raised to MIN_WINDOW_SECONDS at the paced rate. */
  windowEvents: number;
  /** Events of the unpaced run that measures the peak, when the rate is not given. */
  peakEvents: number;
  /** Interleaved pairs of windows per misbehaviour (`--repeats`), at most MAX_PAIRS. */
  pairs: number;
  agents: number;
  batchSize: number;
  /** The good agents' rate together; without it, half the peak measured first on this machine. */
  eventsPerSecond: number | undefined;
}

export interface WindowFigures extends LatencyFigures {
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

/** One pair of windows: alone, then with the neighbour right after it. */
export interface NeighbourPair extends NeighbourComparison {
  alone: WindowFigures;
  withNeighbour: WindowFigures;
  neighbour: Omit<Extract<FromNeighbour, { type: 'stopped' }>, 'type'>;
  /** What the gateway's refusal counters grew by during the window with the neighbour. */
  refusals: Record<string, number>;
}

/** One misbehaviour: the medians over its pairs (the figure and the verdict), and every pair as measured. */
export interface NeighbourRun extends PairedComparison {
  misbehaviour: Misbehaviour;
  /** What the neighbour sent over all its windows. */
  neighbourSent: number;
  /** What the refusal counters grew by over all the windows with the neighbour. */
  refusals: Record<string, number>;
  pairs: NeighbourPair[];
}

export interface NoisyNeighbourResults {
  agents: number;
  batchSize: number;
  /** Events of each window, alone or not: the options' share, or MIN_WINDOW_SECONDS at the rate if more. */
  windowEvents: number;
  pairs: number;
  eventsPerSecond: number;
  /** Set when the rate was half of a peak measured in this run (on a gateway without per-device event limit). */
  peak?: WindowFigures;
  /** The per-device event rate of the measured gateway: the production default, or twice a good agent's pace. */
  deviceEventsPerSecond: number;
  runs: NeighbourRun[];
}

/** The counters that say what the gateway refused, read from /metrics around each window with the neighbour. */
const REFUSAL_COUNTERS = [
  'yorozu_device_refusals_total',
  'yorozu_device_read_holds_total',
  'yorozu_messages_refused_total',
  'yorozu_credential_checks_total',
  'yorozu_events_rejected_total',
  'yorozu_slow_down_sent_total',
  'yorozu_reading_paused_total',
] as const;
const DEFAULT_DEVICE_EVENTS_PER_SECOND = 2000;
/**
 * The shortest window, in seconds of sending at the paced rate. Below it a window holds too few acknowledgements
 * for a p99 (about 500 at the default rate: p99 is then the 5th slowest) and too few of the neighbour's slow
 * misbehaviours (a 4 MiB message left its socket about every 1.7 s in the recorded run).
 */
export const MIN_WINDOW_SECONDS = 5;
/**
 * Each window has its own seq range (batch-plan.ts: phase × PHASE_SEQ), and seq must stay a safe integer: the peak
 * is phase 0, the windows 1 to 8 × pairs, and one phase's worth is left for the simulator's own seq (about 2e10).
 */
export const MAX_PAIRS = Math.floor((Math.floor(Number.MAX_SAFE_INTEGER / PHASE_SEQ) - 1) / (2 * MISBEHAVIOURS.length));

export async function runNoisyNeighbourBenchmark(
  options: NoisyNeighbourOptions,
  log: (line: string) => void,
): Promise<NoisyNeighbourResults> {
  if (!Number.isInteger(options.pairs) || options.pairs < 1 || options.pairs > MAX_PAIRS)
    throw new Error(`noisy-neighbour takes 1 to ${MAX_PAIRS} pairs of windows (--repeats), not ${options.pairs}`);
  const start = planStart();
  const plansOf = (perAgent: number) => {
    const office = benchOffice(options.agents, perAgent, start);
    return (phase: number) =>
      Array.from({ length: options.agents }, (_, i) => planAgentBatches(office, i, phase, perAgent, options.batchSize));
  };
  const dataDir = freshDataDir('bench-noisy');
  let gateway: BenchGateway | undefined;
  let neighbourProcess: ChildProcess | undefined;
  try {
    const { secret } = await participantWithSecret(dataDir, 'ベンチマーク株式会社');
    const agents: Enrollment[] = [];
    let neighbour: Enrollment | undefined;
    const enrollAll = async (url: string) => {
      log(`noisy-neighbour: enrolling ${options.agents} agents and the neighbour…`);
      for (let i = 0; i < options.agents; i += 20)
        agents.push(
          ...(await Promise.all(
            Array.from({ length: Math.min(20, options.agents - i) }, (_, j) => enroll(url, secret, `BENCH-${i + j}`)),
          )),
        );
      neighbour = await enroll(url, secret, 'NOISY-0');
    };

    let peak: WindowFigures | undefined;
    let eventsPerSecond = options.eventsPerSecond;
    if (eventsPerSecond === undefined) {
      gateway = await startGateway(dataDir, {
        INGEST_DEVICE_EVENTS_PER_SECOND: '1000000000',
        INGEST_DEVICE_BURST_EVENTS: '1000000000',
      });
      await enrollAll(gateway.url);
      log('noisy-neighbour: the peak, to pace the agents at half of it…');
      const open = await openAgents(gateway.url, agents);
      peak = await measureWindow(open, plansOf(Math.ceil(options.peakEvents / options.agents))(0), undefined);
      await Promise.all(open.connections.map((connection) => connection.close()));
      eventsPerSecond = peak.eventsPerSecond / 2;
      await gateway.stop();
      gateway = undefined;
    }
    const perAgent = Math.ceil(Math.max(options.windowEvents, MIN_WINDOW_SECONDS * eventsPerSecond) / options.agents);
    const plansFor = plansOf(perAgent);
    const deviceEventsPerSecond = Math.max(
      DEFAULT_DEVICE_EVENTS_PER_SECOND,
      Math.ceil((2 * eventsPerSecond) / options.agents),
    );
    gateway = await startGateway(dataDir, { INGEST_DEVICE_EVENTS_PER_SECOND: String(deviceEventsPerSecond) });
    if (agents.length === 0) await enrollAll(gateway.url);
    const open = await openAgents(gateway.url, agents);
    neighbourProcess = await spawnNeighbour();
    const bench: PairBench = {
      open,
      url: gateway.url,
      child: neighbourProcess,
      credential: neighbour!.credential,
      eventsPerSecond,
    };
    const runs: NeighbourRun[] = [];
    for (const [index, { kind }] of MISBEHAVIOURS.entries()) {
      const pairs: NeighbourPair[] = [];
      for (let pair = 0; pair < options.pairs; pair += 1) {
        const phase = 1 + 2 * (index * options.pairs + pair);
        log(
          `noisy-neighbour: ${kind}: pair ${pair + 1} of ${options.pairs} at ${Math.round(eventsPerSecond)} events/s…`,
        );
        const measured = await measurePair(bench, kind, plansFor(phase), plansFor(phase + 1));
        pairs.push(measured);
        log(
          `noisy-neighbour: ${kind}: pair ${pair + 1}: p99 ${measured.alone.p99Ms.toFixed(0)} → ${measured.withNeighbour.p99Ms.toFixed(0)} ms (${measured.ratio.toFixed(2)}×); neighbour sent ${measured.neighbour.sent}`,
        );
      }
      const run: NeighbourRun = {
        misbehaviour: kind,
        ...comparePairs(pairs),
        neighbourSent: pairs.reduce((sum, pair) => sum + pair.neighbour.sent, 0),
        refusals: counterTotals(pairs.map((pair) => pair.refusals)),
        pairs,
      };
      runs.push(run);
      log(
        `noisy-neighbour: ${kind}: median p99 ${run.aloneP99Ms.toFixed(0)} → ${run.withNeighbourP99Ms.toFixed(0)} ms; pair ratios median ${run.ratio.toFixed(2)}× [${run.ratioMin.toFixed(2)}–${run.ratioMax.toFixed(2)}]`,
      );
    }
    await Promise.all(open.connections.map((connection) => connection.close()));
    return {
      agents: options.agents,
      batchSize: options.batchSize,
      windowEvents: perAgent * options.agents,
      pairs: options.pairs,
      eventsPerSecond,
      ...(peak ? { peak } : {}),
      deviceEventsPerSecond,
      runs,
    };
  } finally {
    if (neighbourProcess?.exitCode === null) neighbourProcess.kill();
    await gateway?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** What every pair of windows runs on: the good agents' connections, the gateway, the neighbour's process. */
interface PairBench {
  open: OpenAgents;
  url: string;
  child: ChildProcess;
  credential: string;
  eventsPerSecond: number;
}

/**
 * One window alone, then one with the neighbour misbehaving. Each starts once the gateway holds no unacknowledged
 * event and no queued row, so neither inherits the other's (or the previous pair's) backlog.
 */
async function measurePair(
  { open, url, child, credential, eventsPerSecond }: PairBench,
  kind: Misbehaviour,
  alonePlans: ReturnType<typeof planAgentBatches>[],
  withPlans: ReturnType<typeof planAgentBatches>[],
): Promise<NeighbourPair> {
  await untilWritesSettle(url);
  const alone = await measureWindow(open, alonePlans, eventsPerSecond);
  await untilWritesSettle(url);
  const before = counterSamples(await metricsText(url), REFUSAL_COUNTERS);
  await startNeighbour(child, kind, url, credential);
  let withNeighbour: WindowFigures;
  let report: Extract<FromNeighbour, { type: 'stopped' }>;
  try {
    withNeighbour = await measureWindow(open, withPlans, eventsPerSecond);
  } finally {
    report = await stopNeighbour(child);
  }
  const refusals = counterGrowth(before, counterSamples(await metricsText(url), REFUSAL_COUNTERS));
  const { type: _type, ...neighbour } = report;
  return { ...compareWindows(alone, withNeighbour), alone, withNeighbour, neighbour, refusals };
}

async function measureWindow(
  open: OpenAgents,
  plans: ReturnType<typeof planAgentBatches>[],
  eventsPerSecond: number | undefined,
): Promise<WindowFigures> {
  const latencies: number[] = [];
  const events = plans.flat().reduce((sum, batch) => sum + batch.events, 0);
  const started = performance.now();
  await streamBatches(open, plans, eventsPerSecond, latencies);
  const seconds = (performance.now() - started) / 1000;
  return {
    events,
    seconds,
    eventsPerSecond: events / seconds,
    acks: latencies.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

async function metricsText(url: string): Promise<string> {
  const response = await fetch(new URL('/metrics', url));
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  return response.text();
}

/** Waits until the gateway holds no unacknowledged event and no queued row, so the next window starts clean. */
async function untilWritesSettle(url: string, deadlineMs = 120_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const samples = counterSamples(await metricsText(url), [
      'yorozu_unacknowledged_events',
      'yorozu_writer_queue_rows',
    ]);
    if ([...samples.values()].every((value) => value === 0)) return;
    if (Date.now() > deadline) throw new Error(`the gateway still held work after ${deadlineMs / 1000} s`);
    await delay(200);
  }
}
