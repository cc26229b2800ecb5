import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { enroll, type Enrollment } from '../agent/protocol-client.js';
import { freshDataDir } from '../harness/data-dir.js';
import { benchOffice, planAgentBatches, planStart } from './batch-plan.js';
import { ROOT, participantWithSecret, startGateway, type BenchGateway } from './gateway-process.js';
import { percentile } from './latency.js';
import type { FromNeighbour, Misbehaviour, ToNeighbour } from './misbehaving-device-process.js';
import {
  compareWindows,
  counterGrowth,
  counterSamples,
  P99_GOAL_CHANGE,
  type LatencyFigures,
  type NeighbourComparison,
} from './noisy-neighbour-figures.js';
import type { BenchRow } from './report.js';
import { openAgents, streamBatches, type OpenAgents } from './websocket-stream.js';

/**
 * `noisy-neighbour`: good agents stream at a moderate fixed rate and their acknowledgement latency is measured
 * alone, then while one misbehaving device (misbehaving-device-process.ts) floods bad messages, sends 4 MiB
 * messages back to back, sends diagnostics nobody asked for, or cycles through 2,000 unknown credentials. One
 * pair of windows per misbehaviour, alone first, on one gateway with the production isolation limits.
 */
export interface NoisyNeighbourOptions {
  /** Events of all good agents in one window (each window, alone or not, sends this many). */
  windowEvents: number;
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

export interface NeighbourRun extends NeighbourComparison {
  misbehaviour: Misbehaviour;
  alone: WindowFigures;
  withNeighbour: WindowFigures;
  neighbour: Omit<Extract<FromNeighbour, { type: 'stopped' }>, 'type'>;
  /** What the gateway's refusal counters grew by during the window with the neighbour. */
  refusals: Record<string, number>;
}

export interface NoisyNeighbourResults {
  agents: number;
  batchSize: number;
  windowEvents: number;
  eventsPerSecond: number;
  /** Set when the rate was half of a peak measured in this run (on a gateway without per-device event limit). */
  peak?: WindowFigures;
  /** The per-device event rate of the measured gateway: the production default, or twice a good agent's pace. */
  deviceEventsPerSecond: number;
  runs: NeighbourRun[];
}

export const MISBEHAVIOURS: readonly { kind: Misbehaviour; label: string }[] = [
  { kind: 'bad-messages', label: 'bad messages (malformed JSON, schema-invalid events)' },
  { kind: 'large-messages', label: '4 MiB messages back to back' },
  { kind: 'diagnostics', label: 'unsolicited 1 MiB diagnostics' },
  { kind: 'unknown-credentials', label: '2,000 unknown device ids / bad credentials' },
];
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

export async function runNoisyNeighbourBenchmark(
  options: NoisyNeighbourOptions,
  log: (line: string) => void,
): Promise<NoisyNeighbourResults> {
  const perAgent = Math.ceil(options.windowEvents / options.agents);
  const office = benchOffice(options.agents, perAgent, planStart());
  const plansFor = (phase: number) =>
    Array.from({ length: options.agents }, (_, i) => planAgentBatches(office, i, phase, perAgent, options.batchSize));
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
      peak = await measureWindow(open, plansFor(0), undefined);
      await Promise.all(open.connections.map((connection) => connection.close()));
      eventsPerSecond = peak.eventsPerSecond / 2;
      await gateway.stop();
      gateway = undefined;
    }
    const deviceEventsPerSecond = Math.max(
      DEFAULT_DEVICE_EVENTS_PER_SECOND,
      Math.ceil((2 * eventsPerSecond) / options.agents),
    );
    gateway = await startGateway(dataDir, { INGEST_DEVICE_EVENTS_PER_SECOND: String(deviceEventsPerSecond) });
    if (agents.length === 0) await enrollAll(gateway.url);
    const open = await openAgents(gateway.url, agents);
    neighbourProcess = await spawnNeighbour();
    const child = neighbourProcess;
    const runs: NeighbourRun[] = [];
    for (const [index, { kind }] of MISBEHAVIOURS.entries()) {
      log(`noisy-neighbour: ${kind}: alone at ${Math.round(eventsPerSecond)} events/s…`);
      const alone = await measureWindow(open, plansFor(1 + 2 * index), eventsPerSecond);
      const before = counterSamples(await metricsText(gateway.url), REFUSAL_COUNTERS);
      log(`noisy-neighbour: ${kind}: with the neighbour…`);
      const plans = plansFor(2 + 2 * index);
      await startNeighbour(child, kind, gateway.url, neighbour!.credential);
      let withNeighbour: WindowFigures;
      let report: Extract<FromNeighbour, { type: 'stopped' }>;
      try {
        withNeighbour = await measureWindow(open, plans, eventsPerSecond);
      } finally {
        report = await stopNeighbour(child);
      }
      const refusals = counterGrowth(before, counterSamples(await metricsText(gateway.url), REFUSAL_COUNTERS));
      const { type: _type, ...neighbourFigures } = report;
      const run = { misbehaviour: kind, ...compareWindows(alone, withNeighbour), alone, withNeighbour };
      runs.push({ ...run, neighbour: neighbourFigures, refusals });
      log(
        `noisy-neighbour: ${kind}: p99 ${alone.p99Ms.toFixed(0)} → ${withNeighbour.p99Ms.toFixed(0)} ms (${run.ratio.toFixed(2)}×); neighbour sent ${neighbourFigures.sent}`,
      );
      await untilWritesSettle(gateway.url);
    }
    await Promise.all(open.connections.map((connection) => connection.close()));
    return {
      agents: options.agents,
      batchSize: options.batchSize,
      windowEvents: perAgent * options.agents,
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

/** The neighbour's process, started and loaded before any window: its start-up is no part of a measurement. */
async function spawnNeighbour(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/misbehaving-device-process.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await nextFromNeighbour(child, 'ready');
  return child;
}

function nextFromNeighbour<T extends FromNeighbour['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<FromNeighbour, { type: T }>> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`the misbehaving device's process exited with ${code}`));
    const listener = (message: FromNeighbour) => {
      if (message.type !== type) return;
      child.off('message', listener);
      child.off('exit', exited);
      resolve(message as Extract<FromNeighbour, { type: T }>);
    };
    child.on('message', listener);
    child.once('exit', exited);
  });
}

async function startNeighbour(child: ChildProcess, kind: Misbehaviour, url: string, credential: string): Promise<void> {
  const started = nextFromNeighbour(child, 'started');
  child.send({ type: 'start', kind, url, credential } satisfies ToNeighbour);
  await started;
}

async function stopNeighbour(child: ChildProcess): Promise<Extract<FromNeighbour, { type: 'stopped' }>> {
  const report = nextFromNeighbour(child, 'stopped');
  child.send({ type: 'stop' } satisfies ToNeighbour);
  return report;
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

export function noisyNeighbourRows(results: NoisyNeighbourResults): BenchRow[] {
  const ms = (n: number) => n.toFixed(0);
  return results.runs.map((run) => {
    const label = MISBEHAVIOURS.find((m) => m.kind === run.misbehaviour)!.label;
    const refused = Object.entries(run.refusals)
      .filter(([name]) => !name.startsWith('yorozu_credential_checks_total') || name.includes('unknown_cache'))
      .map(([name, value]) => `${name.replace(/^yorozu_|_total/g, '')} ${Math.round(value).toLocaleString('en-US')}`)
      .join(', ');
    return {
      name: `noisy-neighbour: ${label}`,
      figure: `others' ack p99 ${ms(run.alone.p99Ms)} ms alone → ${ms(run.withNeighbour.p99Ms)} ms with it (p50 ${ms(run.alone.p50Ms)} → ${ms(run.withNeighbour.p50Ms)} ms); ${run.neighbour.sent.toLocaleString('en-US')} sent${refused ? `; refused: ${refused}` : ''}`,
      ratio: run.ratio.toFixed(2),
      goal: `others' p99 moves < ${P99_GOAL_CHANGE * 100} %`,
      verdict: run.verdict,
    };
  });
}
