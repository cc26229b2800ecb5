import { progressSum, type AgentsProcess } from './connected-agents-handle.js';
import { cpuSecondsOrNaN, percentile, residentMiBOrNaN, sampleRss } from './latency.js';
import { readGatewayMetrics, sampleGatewayMemory, type GatewayMemory, type GatewayReading } from './gateway-metrics.js';
import type { PreparedFigures } from './streaming-agents.js';

/**
 * The streaming window of the `connections` part (BENCHMARKS.md: "< 1 GiB RSS while streaming"): the agents
 * already connected and heartbeating also send batches of their simulated PCs' events (streaming-agents.ts), all
 * of them together at `eventsPerSecond`, each one batch every interval (agents × batch size / rate). The batches are
 * built in the agents processes before they connect. After one interval, so that every agent's phase has come
 * round, the window measures: the gateway's RSS (from the start of streaming, every 200 ms from /proc) and its V8
 * heap and external memory (its own /metrics, every second), events acknowledged, each batch's ack latency, and
 * the heartbeats' round trips beside them.
 */
export interface StreamingOptions {
  eventsPerSecond: number;
  batchSize: number;
  windowSeconds: number;
}

export interface StreamingResults {
  agents: number;
  eventsPerSecondAsked: number;
  batchSize: number;
  intervalSeconds: number;
  windowSeconds: number;
  prepared: { batches: number; events: number; bytes: number; slowestProcessSeconds: number };
  eventsAckedInWindow: number;
  eventsPerSecondAcked: number;
  /** yorozu_events_accepted_total over the window, the gateway's own count. */
  gatewayEventsAcceptedInWindow: number;
  batches: {
    sent: number;
    answered: number;
    unanswered: number;
    retriesForLoad: number;
    slowDownsReceived: number;
    refused: Record<string, number>;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
  };
  agentsOutOfBatches: number;
  heartbeats: { sent: number; answered: number; lost: number; p50Ms: number; p99Ms: number };
  heldAtEnd: number;
  closedUnexpectedly: Record<string, number>;
  gatewayRssMiB: { beforeStreaming: number; peak: number; atEnd: number };
  /** The gateway's /metrics reading with the highest RSS, and the highest heap used and external of any reading. */
  gatewayMemoryAtPeak: GatewayMemory | undefined;
  gatewayMemoryMax: { heapUsedMiB: number; externalMiB: number } | undefined;
  /** The gateway's flow control over the window: times it paused reading, slow_downs sent, most events held. */
  gatewayFlow: { readingPaused: number; slowDownsSent: number; maxUnacknowledgedEvents: number };
  gatewayCpuPercentOfOneCore: number;
  gatewayCpuMicrosPerEvent: number;
  agentsCpuPercentOfOneCore: number;
}

/** Jitter stretches an interval by up to 10 % either way; the plan holds enough batches for the shortest. */
const SHORTEST_INTERVAL = 0.9;

/**
 * How often each agent sends, and how many events it needs: enough batches for one interval and the window at the
 * shortest jitter, and one more. The interval is taken over every enrolled agent, so a run that could not connect
 * them all streams below the rate asked (and its row says how many it held).
 */
export function streamSchedule(
  agents: number,
  options: StreamingOptions,
): { intervalSeconds: number; eventsPerAgent: number } {
  const intervalSeconds = (agents * options.batchSize) / options.eventsPerSecond;
  const batchesPerAgent =
    Math.ceil((intervalSeconds + options.windowSeconds) / (intervalSeconds * SHORTEST_INTERVAL)) + 1;
  return { intervalSeconds, eventsPerAgent: batchesPerAgent * options.batchSize };
}

/** What the agents processes built before connecting (the batches' events and bytes, and the slowest's time). */
export function preparedOf(reports: readonly { prepared?: PreparedFigures }[]): StreamingResults['prepared'] {
  const figures = reports.flatMap((r) => (r.prepared ? [r.prepared] : []));
  return {
    batches: figures.reduce((sum, p) => sum + p.batches, 0),
    events: figures.reduce((sum, p) => sum + p.events, 0),
    bytes: figures.reduce((sum, p) => sum + p.bytes, 0),
    slowestProcessSeconds: Math.max(0, ...figures.map((p) => p.seconds)),
  };
}

export async function runStreamingWindow(
  gateway: { pid: number; url: string },
  processes: readonly AgentsProcess[],
  schedule: { intervalSeconds: number; prepared: StreamingResults['prepared'] },
  options: StreamingOptions,
  log: (line: string) => void,
  countdown: (seconds: number, what: string, detail?: () => string) => Promise<void>,
): Promise<StreamingResults> {
  const { intervalSeconds, prepared: preparedFigures } = schedule;
  const agents = progressSum(processes, (p) => p.connected);
  log(
    `connections: streaming: ${k(agents)} agents, each a ${options.batchSize}-event batch every ${intervalSeconds.toFixed(1)} s (${k(options.eventsPerSecond)} events/s together); ${k(preparedFigures.events)} events in ${k(preparedFigures.batches)} batches (${(preparedFigures.bytes / 2 ** 20).toFixed(0)} MiB) were built before connecting, in ${preparedFigures.slowestProcessSeconds.toFixed(0)} s`,
  );
  const rssBefore = residentMiBOrNaN(gateway.pid);
  const stopRss = sampleRss(gateway.pid);
  const memory = sampleGatewayMemory(gateway.url);
  for (const p of processes) p.send({ type: 'stream', intervalMs: intervalSeconds * 1000 });
  const acked = () => `${k(progressSum(processes, (p) => p.eventsAcked))} events acknowledged`;
  await countdown(intervalSeconds, 'streaming: one interval before measuring', acked);

  const before = await counters(gateway.url);
  const cpuBefore = cpuSecondsOrNaN(gateway.pid);
  for (const p of processes) p.send({ type: 'measure', on: true });
  const windowStarted = performance.now();
  await countdown(options.windowSeconds, 'streaming: measuring', acked);
  const windowSeconds = (performance.now() - windowStarted) / 1000;
  const cpuInWindow = cpuSecondsOrNaN(gateway.pid) - cpuBefore;
  const measured = Promise.all(processes.map((p) => p.reply('measured', { type: 'measure', on: false })));
  const after = await counters(gateway.url);
  const peak = stopRss();
  const rssAtEnd = residentMiBOrNaN(gateway.pid);
  const readings = memory.stop();
  const windows = await measured;

  const streams = windows.flatMap((w) => (w.stream ? [w.stream] : []));
  const sum = (pick: (s: (typeof streams)[number]) => number) => streams.reduce((total, s) => total + pick(s), 0);
  const unanswered = sum((s) => s.unanswered);
  // A batch never answered is slower than every answered one, as a lost heartbeat is.
  const ackMs = [...streams.flatMap((s) => s.ackMs), ...Array<number>(unanswered).fill(Infinity)];
  const rtts = windows.flatMap((w) => w.rttMs);
  const lost = windows.reduce((total, w) => total + w.lost, 0);
  const withLost = [...rtts, ...Array<number>(lost).fill(Infinity)];
  const eventsAcked = sum((s) => s.eventsAckedInWindow);
  const gatewayAccepted = after.eventsAccepted - before.eventsAccepted;
  const atPeak = readings.reduce<GatewayMemory | undefined>(
    (best, r) => (!best || r.rssMiB > best.rssMiB ? memoryOf(r) : best),
    undefined,
  );
  return {
    agents,
    eventsPerSecondAsked: options.eventsPerSecond,
    batchSize: options.batchSize,
    intervalSeconds,
    windowSeconds,
    prepared: preparedFigures,
    eventsAckedInWindow: eventsAcked,
    eventsPerSecondAcked: eventsAcked / windowSeconds,
    gatewayEventsAcceptedInWindow: gatewayAccepted,
    batches: {
      sent: sum((s) => s.batchesSent),
      answered: ackMs.length - unanswered,
      unanswered,
      retriesForLoad: sum((s) => s.retriesForLoad),
      slowDownsReceived: sum((s) => s.slowDownsReceived),
      refused: mergeCounts(streams.map((s) => s.refused)),
      p50Ms: percentile(ackMs, 50),
      p99Ms: percentile(ackMs, 99),
      maxMs: percentile(ackMs, 100),
    },
    agentsOutOfBatches: sum((s) => s.agentsOutOfBatches),
    heartbeats: {
      sent: windows.reduce((total, w) => total + w.sent, 0),
      answered: rtts.length,
      lost,
      p50Ms: percentile(withLost, 50),
      p99Ms: percentile(withLost, 99),
    },
    heldAtEnd: windows.reduce((total, w) => total + w.open, 0),
    closedUnexpectedly: mergeCounts(windows.map((w) => w.closedUnexpectedly)),
    // The /metrics readings see the same RSS at other instants than /proc's samples: the peak is the highest of all.
    gatewayRssMiB: { beforeStreaming: rssBefore, peak: Math.max(peak, rssAtEnd, atPeak?.rssMiB ?? 0), atEnd: rssAtEnd },
    gatewayMemoryAtPeak: atPeak,
    gatewayMemoryMax:
      readings.length > 0
        ? {
            heapUsedMiB: Math.max(...readings.map((r) => r.heapUsedMiB)),
            externalMiB: Math.max(...readings.map((r) => r.externalMiB)),
          }
        : undefined,
    gatewayFlow: {
      readingPaused: after.readingPaused - before.readingPaused,
      slowDownsSent: after.slowDownsSent - before.slowDownsSent,
      maxUnacknowledgedEvents: Math.max(0, ...readings.map((r) => r.unacknowledgedEvents)),
    },
    gatewayCpuPercentOfOneCore: (cpuInWindow / windowSeconds) * 100,
    gatewayCpuMicrosPerEvent: gatewayAccepted > 0 ? (cpuInWindow * 1e6) / gatewayAccepted : NaN,
    agentsCpuPercentOfOneCore: (windows.reduce((total, w) => total + w.cpuSeconds, 0) / windowSeconds) * 100,
  };
}

/**
 * The gateway's counters at a window's edge. A gateway far behind its load can take more than the read's 10 s to
 * answer /metrics: the counters are then NaN (the figures that need them say so), and the window is still measured.
 */
async function counters(
  url: string,
): Promise<Pick<GatewayReading, 'eventsAccepted' | 'readingPaused' | 'slowDownsSent'>> {
  try {
    return await readGatewayMetrics(url);
  } catch {
    return { eventsAccepted: NaN, readingPaused: NaN, slowDownsSent: NaN };
  }
}

function memoryOf({
  rssMiB,
  heapUsedMiB,
  heapTotalMiB,
  externalMiB,
  unacknowledgedEvents,
}: GatewayMemory): GatewayMemory {
  return { rssMiB, heapUsedMiB, heapTotalMiB, externalMiB, unacknowledgedEvents };
}

export function mergeCounts(list: Record<string, number>[]): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const counts of list) for (const [key, n] of Object.entries(counts)) merged[key] = (merged[key] ?? 0) + n;
  return merged;
}

const k = (n: number) => Math.round(n).toLocaleString('en-US');
