import { rmSync } from 'node:fs';
import { enroll, type Enrollment } from '../agent/protocol-client.js';
import { freshDataDir } from '../harness/data-dir.js';
import { AgentsProcess, progressSum } from './connected-agents-handle.js';
import { planStart } from './batch-plan.js';
import {
  mergeCounts,
  preparedOf,
  runStreamingWindow,
  streamSchedule,
  type StreamingOptions,
  type StreamingResults,
} from './connections-streaming.js';
import { participantWithSecret, startGateway, type BenchGateway } from './gateway-process.js';
import { metricValue } from './gateway-metrics.js';
import { cpuSecondsOrNaN, openFileLimit, percentile, residentMiBOrNaN, sampleRss } from './latency.js';

/**
 * `connections` of BENCHMARKS.md: N agents (10,000 at the README size) connected to one gateway over
 * loopback WebSocket, each sending a `heartbeat` every interval at its own phase. First window, idle:
 * the gateway's RSS while it holds them, and the heartbeat round trip (send → `heartbeat_ack`). Second
 * window, streaming (connections-streaming.ts): the same agents also send event batches at a paced
 * rate; the gateway's RSS, heap and external memory, events acknowledged and ack latency. The agents
 * live in a few child processes of their own (connected-agents-process.ts), so that neither the
 * bench's process nor one event loop holding every socket is what gets measured; each reports how
 * late its own event loop ran and the CPU it used.
 */
const AGENTS_PER_CLIENT_PROCESS = 2500;
/** Descriptors a process needs besides its sockets: its own files, pipes, the engine's files. */
const FILE_MARGIN = 200;

export interface ConnectionsOptions {
  agents: number;
  heartbeatSeconds: number;
  windowSeconds: number;
  enrollConcurrency: number;
  clientProcesses: number | undefined;
  /** The streaming window after the idle one; undefined: idle only. */
  stream: StreamingOptions | undefined;
}

export interface ConnectionsResults {
  requested: number;
  enrolled: number;
  enrollSeconds: number;
  enrollErrors: Record<string, number>;
  connected: number;
  connectSeconds: number;
  connectErrors: Record<string, number>;
  /** What the gateway's own gauge (yorozu_agent_connections) said once every agent had tried, and at the end. */
  gatewayCountsConnected: number;
  gatewayCountsAtEnd: number;
  /** Agents whose connection was still open at the end of the window. */
  heldAtEnd: number;
  closedUnexpectedly: Record<string, number>;
  heartbeatSeconds: number;
  windowSeconds: number;
  heartbeats: { sent: number; answered: number; lost: number; p50Ms: number; p99Ms: number; maxMs: number };
  gatewayRssMiB: { beforeAgents: number; peakInWindow: number; atEnd: number };
  gatewayCpuPercentOfOneCoreInWindow: number;
  clientProcesses: number;
  clientLoopDelay: { worstP99Ms: number; worstMaxMs: number };
  openFileLimits: {
    bench: number;
    gateway: number;
    clientProcess: number;
    needed: { gateway: number; clientProcess: number };
  };
  /** The streaming window (absent from runs recorded before it existed). */
  streaming?: StreamingResults;
}

export async function runConnectionsBenchmark(
  options: ConnectionsOptions,
  log: (line: string) => void,
): Promise<ConnectionsResults> {
  const clientProcesses = options.clientProcesses ?? Math.max(2, Math.ceil(options.agents / AGENTS_PER_CLIENT_PROCESS));
  const perClient = Math.ceil(options.agents / clientProcesses);
  const needed = { gateway: options.agents + FILE_MARGIN, clientProcess: perClient + FILE_MARGIN };
  const dataDir = freshDataDir('bench-connections');
  let gateway: BenchGateway | undefined;
  const clients: AgentsProcess[] = [];
  try {
    const { secret } = await participantWithSecret(dataDir, 'ベンチマーク接続株式会社');
    gateway = await startGateway(dataDir, { INGEST_HEARTBEAT_SECONDS: String(options.heartbeatSeconds) });
    log(
      `connections: open-file limits: bench ${openFileLimit('self')}, gateway ${gateway.openFileLimit} (needs about ${needed.gateway})`,
    );
    if (gateway.openFileLimit < needed.gateway) {
      log(
        `connections: WARNING the gateway may run out of file descriptors: limit ${gateway.openFileLimit}, needs about ${needed.gateway}. Raise the hard limit (ulimit -Hn) to reach ${options.agents} agents.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const rssBefore = residentMiBOrNaN(gateway.pid);

    const {
      enrollments,
      seconds: enrollSeconds,
      errors: enrollErrors,
    } = await enrollAll(gateway.url, secret, options, log);

    log(`connections: ${clientProcesses} client processes of up to ${perClient} agents each`);
    const schedule = options.stream ? streamSchedule(enrollments.length, options.stream) : undefined;
    if (schedule)
      log(
        `connections: the agents processes first build ${k(schedule.eventsPerAgent)} events for each agent's streaming window`,
      );
    const planStartMs = planStart();
    const started = performance.now();
    const connectedReports = Array.from({ length: clientProcesses }, (_, c) => {
      const share = enrollments.slice(c * perClient, (c + 1) * perClient);
      const client = new AgentsProcess(c, c * perClient);
      clients.push(client);
      return client.reply('connected', {
        type: 'start',
        url: gateway!.url,
        credentials: share.map((e) => e.credential),
        hostnames: share.map((_, i) => `IDLE-PC-${c * perClient + i}`),
        heartbeatSeconds: options.heartbeatSeconds,
        connectConcurrency: Math.max(1, Math.floor(64 / clientProcesses)),
        ...(schedule && options.stream
          ? {
              stream: {
                planStartMs,
                officeAgents: enrollments.length,
                firstAgent: c * perClient,
                eventsPerAgent: schedule.eventsPerAgent,
                batchSize: options.stream.batchSize,
              },
            }
          : {}),
      });
    });

    const total = enrollments.length;
    const ticker = setInterval(() => {
      const connected = progressSum(clients, (p) => p.connected);
      const failed = progressSum(clients, (p) => p.failed);
      const seconds = (performance.now() - started) / 1000;
      log(
        `connections: connected ${k(connected)}/${k(total)}${failed ? `, failed ${k(failed)}` : ''} (${k(connected / seconds)}/s); gateway RSS ${residentMiBOrNaN(gateway!.pid).toFixed(0)} MiB`,
      );
    }, 3000);
    const reports = await Promise.all(connectedReports).finally(() => clearInterval(ticker));
    const clientLimit = Math.min(...reports.map((r) => r.openFileLimit));
    if (clientLimit < needed.clientProcess)
      log(
        `connections: WARNING client processes could open ${clientLimit} files each, needed about ${needed.clientProcess}`,
      );
    // Each process's own time from its first connection attempt (building the streaming batches comes before it).
    const connectSeconds = Math.max(...reports.map((r) => r.seconds));
    const connected = reports.reduce((sum, r) => sum + r.connected, 0);
    const connectErrors = mergeCounts(reports.map((r) => r.errors));
    const gatewayCountsConnected = await gatewayConnections(gateway.url);
    log(
      `connections: ${k(connected)} of ${k(options.agents)} connected in ${connectSeconds.toFixed(1)} s (the gateway counts ${k(gatewayCountsConnected)})${Object.keys(connectErrors).length ? `; errors ${JSON.stringify(connectErrors)}` : ''}`,
    );

    // One whole interval first, so that every agent's heartbeat phase has come round once.
    await countdown(options.heartbeatSeconds, 'settling: one heartbeat interval before measuring', log);
    const stopRss = sampleRss(gateway.pid);
    const cpuBefore = cpuSecondsOrNaN(gateway.pid);
    for (const client of clients) client.send({ type: 'measure', on: true });
    const windowStarted = performance.now();
    await countdown(options.windowSeconds, 'measuring heartbeat round trips', log, () => {
      const answered = progressSum(clients, (p) => p.answered);
      const open = progressSum(clients, (p) => p.open);
      return `${k(answered)} heartbeats answered, ${k(open)} agents connected`;
    });
    const cpuInWindow = cpuSecondsOrNaN(gateway.pid) - cpuBefore;
    const windowSeconds = (performance.now() - windowStarted) / 1000;
    const measured = Promise.all(clients.map((client) => client.reply('measured', { type: 'measure', on: false })));
    const peakInWindow = stopRss();
    const windows = await measured;
    const rssAtEnd = residentMiBOrNaN(gateway.pid);
    const gatewayCountsAtEnd = await gatewayConnections(gateway.url);

    const streaming =
      options.stream && schedule
        ? await runStreamingWindow(
            gateway,
            clients,
            { intervalSeconds: schedule.intervalSeconds, prepared: preparedOf(reports) },
            options.stream,
            log,
            (seconds, what, detail) => countdown(seconds, what, log, detail),
          )
        : undefined;

    const rtts = windows.flatMap((w) => w.rttMs);
    const lost = windows.reduce((sum, w) => sum + w.lost, 0);
    // A heartbeat that never came back is slower than any that did.
    const withLost = [...rtts, ...Array<number>(lost).fill(Infinity)];
    return {
      requested: options.agents,
      enrolled: enrollments.length,
      enrollSeconds,
      enrollErrors,
      connected,
      connectSeconds,
      connectErrors,
      gatewayCountsConnected,
      gatewayCountsAtEnd,
      heldAtEnd: windows.reduce((sum, w) => sum + w.open, 0),
      closedUnexpectedly: mergeCounts(windows.map((w) => w.closedUnexpectedly)),
      heartbeatSeconds: options.heartbeatSeconds,
      windowSeconds,
      heartbeats: {
        sent: windows.reduce((sum, w) => sum + w.sent, 0),
        answered: rtts.length,
        lost,
        p50Ms: percentile(withLost, 50),
        p99Ms: percentile(withLost, 99),
        maxMs: percentile(withLost, 100),
      },
      gatewayRssMiB: { beforeAgents: rssBefore, peakInWindow, atEnd: rssAtEnd },
      gatewayCpuPercentOfOneCoreInWindow: (cpuInWindow / windowSeconds) * 100,
      clientProcesses,
      clientLoopDelay: {
        worstP99Ms: Math.max(...windows.map((w) => w.loopDelayP99Ms)),
        worstMaxMs: Math.max(...windows.map((w) => w.loopDelayMaxMs)),
      },
      openFileLimits: {
        bench: openFileLimit('self'),
        gateway: gateway.openFileLimit,
        clientProcess: clientLimit,
        needed,
      },
      ...(streaming ? { streaming } : {}),
    };
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await gateway?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Enrolls every agent over POST /v1/enroll, a bounded number at a time; failures are counted, not fatal. */
async function enrollAll(
  url: string,
  secret: string,
  options: ConnectionsOptions,
  log: (line: string) => void,
): Promise<{ enrollments: Enrollment[]; seconds: number; errors: Record<string, number> }> {
  const enrollments: Enrollment[] = [];
  const errors: Record<string, number> = {};
  const started = performance.now();
  let next = 0;
  const ticker = setInterval(() => {
    const seconds = (performance.now() - started) / 1000;
    const rate = enrollments.length / seconds;
    const eta = rate > 0 ? ` — about ${Math.ceil((options.agents - enrollments.length) / rate)} s to go` : '';
    log(`connections: enrolled ${k(enrollments.length)}/${k(options.agents)} (${rate.toFixed(0)}/s)${eta}`);
  }, 3000);
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= options.agents) return;
      try {
        enrollments.push(await enroll(url, secret, `IDLE-PC-${i}`));
      } catch (error) {
        const reason = (error as Error).message.slice(0, 80);
        errors[reason] = (errors[reason] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.enrollConcurrency }, worker)).finally(() => clearInterval(ticker));
  const seconds = (performance.now() - started) / 1000;
  log(
    `connections: enrolled ${k(enrollments.length)} devices in ${seconds.toFixed(1)} s (${(enrollments.length / seconds).toFixed(0)}/s, ${options.enrollConcurrency} at a time)`,
  );
  if (Object.keys(errors).length > 0) log(`connections: enrollment errors ${JSON.stringify(errors)}`);
  return { enrollments, seconds, errors };
}

/** The gateway's own count of open agent connections; NaN when it does not answer. */
async function gatewayConnections(url: string): Promise<number> {
  try {
    const text = await (await fetch(new URL('/metrics', url), { signal: AbortSignal.timeout(10_000) })).text();
    return metricValue(text, 'yorozu_agent_connections');
  } catch {
    return NaN;
  }
}

async function countdown(
  seconds: number,
  what: string,
  log: (line: string) => void,
  detail?: () => string,
): Promise<void> {
  const end = performance.now() + seconds * 1000;
  for (;;) {
    const left = end - performance.now();
    if (left <= 0) return;
    log(`connections: ${what}: ${Math.ceil(left / 1000)} s left${detail ? `; ${detail()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, 5000)));
  }
}

const k = (n: number) => Math.round(n).toLocaleString('en-US');
