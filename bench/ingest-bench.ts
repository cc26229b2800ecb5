import { execFile } from 'node:child_process';
import { createWriteStream, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { enroll, type Enrollment } from '../agent/protocol-client.js';
import { freshDataDir } from '../harness/data-dir.js';
import { startYorozuProcess, yorozuCli } from '../harness/yorozu-process.js';
import { benchOffice, planAgentBatches, planStart } from './batch-plan.js';
import { waitUntilGatewaySettles, type Settled } from './gateway-settle.js';
import { cpuMicrosPerEvent, percentile, sampleRss, threadCpuSeconds, type ThreadCpu } from './latency.js';
import { openAgents, streamBatches, type SendableBatch } from './websocket-stream.js';

/**
 * ingest-ws, ingest-http and raw-insert of BENCHMARKS.md. The gateway runs as its own process, as
 * in production; the agents are this process, with batches serialised before the clock starts.
 */
export interface IngestOptions {
  events: number;
  agents: number;
  batchSize: number;
  flushRows: number;
}

export interface RunFigures {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  ackP50Ms: number;
  ackP99Ms: number;
  gatewayPeakRssMiB: number;
  /** The gateway process's CPU per event acknowledged, by kind of thread (merges still running at the end are not in it). */
  cpuMicrosPerEvent: ThreadCpu;
  /**
   * The bench process's own CPU per event (the agents: framing, masking, reading acks), on the same 2 cores as the
   * gateway: what the machine gives the agents is not the gateway's. Absent in results recorded before it was kept.
   */
  agentsCpuMicrosPerEvent?: number;
}

/** One of the engine's own paths for the same rows (raw-insert-process.ts). */
export interface CeilingFigures {
  seconds: number;
  eventsPerSecond: number;
}

export interface IngestResults {
  /** The ceilings; `eventsPerSecond` is the write floor's (file() Native), the ratios' denominator. */
  raw: {
    events: number;
    seconds: number;
    eventsPerSecond: number;
    engine: string;
    rawInsert: CeilingFigures;
    fileJson: CeilingFigures;
    fileNative: CeilingFigures;
  };
  ws: RunFigures;
  /** `settledAfter`: how long the gateway took to settle after the full-load run (absent in older results). */
  wsHalfLoad: RunFigures & { targetEventsPerSecond: number; settledAfter?: Settled };
  http: RunFigures;
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const run = promisify(execFile);

export async function runIngestBenchmarks(options: IngestOptions, log: (line: string) => void): Promise<IngestResults> {
  const perAgent = Math.ceil(options.events / options.agents);
  // The simulator's office, one PC per agent; the raw-insert process plans the same one from the same start.
  const start = planStart();
  const office = benchOffice(options.agents, perAgent, start);
  log(`raw-insert: ${perAgent * options.agents} events straight into the engine…`);
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/raw-insert-process.ts',
      String(options.agents),
      String(perAgent),
      String(options.batchSize),
      String(options.flushRows),
      String(start),
    ],
    { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  const raw = JSON.parse(stdout) as IngestResults['raw'];

  const dataDir = freshDataDir('bench-ingest');
  const { participantId } = (await yorozuCli(dataDir, ['participant', 'add', 'ベンチマーク株式会社'])) as {
    participantId: string;
  };
  const { secret } = (await yorozuCli(dataDir, ['secret', 'create', participantId])) as { secret: string };
  const gateway = await startYorozuProcess(
    dataDir,
    {
      YOROZU_LOG_LEVEL: 'info',
      INGEST_DEVICE_EVENTS_PER_SECOND: '1000000000',
      INGEST_DEVICE_BURST_EVENTS: '1000000000',
      INGEST_FLUSH_ROWS: String(options.flushRows),
      ...Object.fromEntries(
        Object.entries(process.env).filter(([name]) => name.startsWith('INGEST_')) as [string, string][],
      ),
    },
    // e.g. BENCH_GATEWAY_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the gateway under load
    process.env.BENCH_GATEWAY_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  );
  // BENCH_GATEWAY_LOG=<file> keeps the gateway's own log of the run.
  if (process.env.BENCH_GATEWAY_LOG) {
    const file = createWriteStream(process.env.BENCH_GATEWAY_LOG);
    gateway.child.stdout?.pipe(file);
    gateway.child.stderr?.pipe(file);
  }
  try {
    log(`enrolling ${options.agents} agents…`);
    const agents: Enrollment[] = [];
    for (let i = 0; i < options.agents; i += 20) {
      const group = Array.from({ length: Math.min(20, options.agents - i) }, (_, j) =>
        enroll(gateway.url, secret, `BENCH-${i + j}`),
      );
      agents.push(...(await Promise.all(group)));
    }

    log('ingest-ws: full load…');
    // Bodies as UTF-8 bytes, planned for one run at a time: at 1e7 events the strings would not fit the heap.
    const plansOf = (phase: number, events: number) =>
      agents.map((_, i) =>
        planAgentBatches(office, i, phase, events, options.batchSize).map((batch): SendableBatch => ({
          ...batch,
          body: Buffer.from(batch.body),
        })),
      );
    const ws = await websocketRun(gateway.url, gateway.child.pid!, agents, plansOf(0, perAgent), undefined);

    const target = ws.eventsPerSecond / 2;
    const halfLoadEvents = Math.min(perAgent, Math.ceil((target * 8) / options.agents));
    log("ingest-ws: waiting for the gateway to settle (the full-load run's merges)…");
    const settledAfter = await waitUntilGatewaySettles(gateway.child.pid!);
    log(`ingest-ws: ${settledAfter.settled ? 'settled' : 'still busy'} after ${Math.round(settledAfter.seconds)} s`);
    log(`ingest-ws: half of peak (${Math.round(target)} events/s) for latency…`);
    const halfPlans = plansOf(1, halfLoadEvents);
    const wsHalfLoad = {
      ...(await websocketRun(gateway.url, gateway.child.pid!, agents, halfPlans, target)),
      targetEventsPerSecond: target,
      settledAfter,
    };

    log('ingest-http: waiting for the gateway to settle…');
    await waitUntilGatewaySettles(gateway.child.pid!);
    log('ingest-http: full load…');
    const httpPlans = plansOf(2, perAgent);
    const http = await httpRun(gateway.url, gateway.child.pid!, agents, httpPlans);
    return { raw, ws, wsHalfLoad, http };
  } finally {
    gateway.child.kill('SIGTERM');
    await gateway.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function websocketRun(
  url: string,
  pid: number,
  agents: Enrollment[],
  plans: SendableBatch[][],
  paceEventsPerSecond: number | undefined,
): Promise<RunFigures> {
  const open = await openAgents(url, agents);
  const latencies: number[] = [];
  const stopRss = sampleRss(pid);
  const total = plans.flat().reduce((sum, batch) => sum + batch.events, 0);
  const cpuBefore = threadCpuSeconds(pid);
  const agentsCpuBefore = process.cpuUsage();
  const started = performance.now();
  await streamBatches(open, plans, paceEventsPerSecond, latencies);
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuMicrosPerEvent(cpuBefore, threadCpuSeconds(pid), total);
  const agentsCpu = process.cpuUsage(agentsCpuBefore);
  const peak = stopRss();
  await Promise.all(open.connections.map((connection) => connection.close()));
  return {
    events: total,
    seconds,
    eventsPerSecond: total / seconds,
    ackP50Ms: percentile(latencies, 50),
    ackP99Ms: percentile(latencies, 99),
    gatewayPeakRssMiB: peak,
    cpuMicrosPerEvent: cpu,
    agentsCpuMicrosPerEvent: agentsMicrosPerEvent(agentsCpu, total),
  };
}

async function httpRun(url: string, pid: number, agents: Enrollment[], plans: SendableBatch[][]): Promise<RunFigures> {
  const latencies: number[] = [];
  const stopRss = sampleRss(pid);
  const total = plans.flat().reduce((sum, batch) => sum + batch.events, 0);
  const endpoint = new URL('/v1/batches', url);
  const cpuBefore = threadCpuSeconds(pid);
  const agentsCpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    agents.map(async (agent, i) => {
      for (const batch of plans[i]!) {
        for (;;) {
          const sent = performance.now();
          const response = await fetch(endpoint, {
            method: 'POST',
            headers: { authorization: `Bearer ${agent.credential}`, 'content-type': 'application/json' },
            body: batch.body,
          });
          const reply = (await response.json()) as { type: string; code?: string };
          if (response.status === 503 || response.status === 429) {
            await new Promise((resolve) =>
              setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000),
            );
            continue;
          }
          if (reply.type !== 'ack')
            throw new Error(`HTTP batch ${batch.batchId}: ${response.status} ${JSON.stringify(reply)}`);
          latencies.push(performance.now() - sent);
          break;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    events: total,
    seconds,
    eventsPerSecond: total / seconds,
    ackP50Ms: percentile(latencies, 50),
    ackP99Ms: percentile(latencies, 99),
    gatewayPeakRssMiB: stopRss(),
    cpuMicrosPerEvent: cpuMicrosPerEvent(cpuBefore, threadCpuSeconds(pid), total),
    agentsCpuMicrosPerEvent: agentsMicrosPerEvent(process.cpuUsage(agentsCpuBefore), total),
  };
}

function agentsMicrosPerEvent(used: NodeJS.CpuUsage, events: number): number {
  return (used.user + used.system) / events;
}
