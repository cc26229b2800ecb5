import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { runConnectionsBenchmark } from './connections-bench.js';
import { connectionsRows } from './connections-rows.js';
import { duplicatesRows, runDuplicatesBenchmark } from './duplicates-bench.js';
import type { IngestedData } from './gateway-ingest.js';
import { runIngestBenchmarks, type CeilingFigures, type IngestResults, type RunFigures } from './ingest-bench.js';
import type { Settled } from './gateway-settle.js';
import { MAX_PAIRS, MIN_WINDOW_SECONDS, runNoisyNeighbourBenchmark } from './noisy-neighbour-bench.js';
import { noisyNeighbourRows } from './noisy-neighbour-rows.js';
import { runOtlpBenchmark, type OtlpBenchResults } from './otlp-bench.js';
import { DEFAULT_FLUSH_ROWS } from '../ingest/limits.js';
import { engineVersion, loadText, machineInfo } from './machine.js';
import { queryRows, querySize, runQueryBenchmark } from './query-bench.js';
import { printTable, writeResults, type BenchRow, type PartResults } from './report.js';
import { runStorageBenchmark, storageRows } from './storage-bench.js';

/**
 * `npm run bench [-- <part>…] [--size ci|readme|1e8] [options]`. With no part named, every part runs:
 * ingest (raw-insert, ingest-ws, ingest-http), otlp, connections, noisy-neighbour, duplicates, storage, query. Each part's rows
 * replace that part's rows in results/latest.json; the other parts' rows stay as they were.
 */
const PARTS = ['ingest', 'otlp', 'connections', 'noisy-neighbour', 'duplicates', 'storage', 'query'] as const;
type Part = (typeof PARTS)[number];
/** The named sizes: events for ingest, duplicates and storage; idle agents for connections. query has its own (QUERY_EVENTS). */
const SIZES = {
  /** query only: its 1e7 simulated events and 9 copies of them under other participants' ids (query-copies.ts). */
  '1e8': { events: 100_000_000, connections: 10_000 },
  ci: { events: 1_000_000, connections: 2_000 },
  readme: { events: 10_000_000, connections: 10_000 },
} as const;
/** query runs at 1e7 events at every --size (its goals are stated at 1e8); only --events changes it. */
const QUERY_EVENTS = 10_000_000;
/**
 * The PCs of query's data follow its events: 10,000 PCs at 1e7 events (about 1,000 events per PC and week, the
 * simulator's office), fewer for a smaller run. A fixed 10,000 made every small run build 10,000 PCs' health data
 * and time out before any query ran.
 */
function queryDevicesFor(events: number): number {
  return Math.min(10_000, Math.max(20, Math.round(events / 1_000)));
}

const USAGE = `Usage: npm run bench [-- <part>…] [options]
Parts: ${PARTS.join(', ')} (default: all, in this order)
  --size ci|readme|1e8      ci (default): 1e6 events, 2,000 idle agents; readme: 1e7 events, 10,000 idle agents;
                            1e8 (query only): its 1e7 simulated events copied 10 times under other participants' ids;
                            query simulates 1e7 events at every size
  --events N                events for ingest, duplicates, storage and query (overrides --size, and query's 1e7);
                            query's PCs follow it (1 per 1,000 events, 20 to 10,000)
  --agents N                agents of each part run (default: 200 sending agents; idle agents from --size for connections)
  --batch-size N            events per batch (default 500; noisy-neighbour: 100, a real-time agent's batch;
                            connections' streaming window: 50)
  --heartbeat-seconds N     connections: heartbeat interval of every agent and of the gateway's pings (default 30, as in production)
  --window-seconds N        connections: how long each window (idle, then streaming) is measured (default 60)
  --enroll-concurrency N    connections: enrollments in flight at once (default 16)
  --client-processes N      connections: processes holding the agents (default: one per 2,500, at least 2)
  --repetitions N           duplicates: timed runs of each read, with and without FINAL (default 9)
  --query-runs N            query: timed runs of each API call, after 2 warm-up runs (default 15)
  --health-runs N           query: timed runs of the health-evaluation job (policies + rules; default 3; 0 leaves it out)
  --rate N                  noisy-neighbour: the good agents' events/s together (default: half the peak measured first);
                            connections: the streaming window's events/s of all agents together (default: one
                            batch per agent every 60 s, 8,333 events/s at 10,000 agents)
  --repeats N               ingest: whole runs (ceilings and gateway rows); each figure is their median, with min and max;
                            noisy-neighbour: interleaved pairs of windows (alone, with the neighbour) per misbehaviour,
                            1 to ${MAX_PAIRS}, judged on the median of the pairs' p99 ratios; each window sends 1/8 of
                            --events divided by N, and at least ${MIN_WINDOW_SECONDS} s at the rate (default 3)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    size: { type: 'string', default: 'ci' },
    events: { type: 'string' },
    agents: { type: 'string' },
    'batch-size': { type: 'string' },
    'heartbeat-seconds': { type: 'string', default: '30' },
    'window-seconds': { type: 'string', default: '60' },
    'enroll-concurrency': { type: 'string', default: '16' },
    'client-processes': { type: 'string' },
    repetitions: { type: 'string', default: '9' },
    'query-runs': { type: 'string', default: '15' },
    'health-runs': { type: 'string', default: '3' },
    repeats: { type: 'string', default: '3' },
    rate: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const unknown = positionals.filter((part) => !(PARTS as readonly string[]).includes(part));
if (unknown.length > 0) {
  console.error(`Unknown benchmark part(s): ${unknown.join(', ')}. Available: ${PARTS.join(', ')}.`);
  process.exit(2);
}
if (!(values.size in SIZES)) {
  console.error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  process.exit(2);
}
const size = SIZES[values.size as keyof typeof SIZES];
/** `--size 1e8`: the query part's table holds ten times its simulated events (QUERY_COPIES). */
const QUERY_COPIES = values.size === '1e8' ? 10 : 1;
if (QUERY_COPIES > 1 && (positionals.length !== 1 || positionals[0] !== 'query')) {
  console.error('--size 1e8 is for the query part only: npm run bench -- query --size 1e8');
  process.exit(2);
}
const number = (name: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} must be a positive number, not ${text}`);
    process.exit(2);
  }
  return value;
};
/** A whole count of 1 or more (`--repeats`). */
const repeatCount = (name: string, text: string): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} must be a whole number, 1 or more, not ${text}`);
    process.exit(2);
  }
  return value;
};
/** A count that may be 0 (`--health-runs 0` leaves the health row out). */
const runCount = (name: string, text: string): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} must be a whole number, 0 or more, not ${text}`);
    process.exit(2);
  }
  return value;
};
const parts = PARTS.filter((part) => positionals.length === 0 || positionals.includes(part));
const events = number('events', values.events) ?? size.events;
const agents = number('agents', values.agents);
const chosenBatchSize = number('batch-size', values['batch-size']);
const batchSize = chosenBatchSize ?? 500;
const sendingAgents = agents ?? 200;
const repeats = repeatCount('repeats', values.repeats);
if (parts.includes('noisy-neighbour') && repeats > MAX_PAIRS) {
  console.error(
    `--repeats must be at most ${MAX_PAIRS} for noisy-neighbour (each of its windows has its own seq range)`,
  );
  process.exit(2);
}
const log = (line: string) => console.error(`[bench] ${line}`);
const k = (n: number) => Math.round(n).toLocaleString('en-US');

interface PartRun {
  size: string;
  engine: string;
  rows: BenchRow[];
  details: unknown;
}

/** The duplicates run's data, kept for storage when both run. */
let duplicatesData: IngestedData | undefined;

const runners: Record<Part, () => Promise<PartRun>> = {
  async ingest() {
    // The machine is shared: each figure is the median of whole runs, each gateway row against its own run's ceiling.
    const runs: IngestResults[] = [];
    for (let run = 1; run <= repeats; run += 1) {
      log(`ingest run ${run} of ${repeats} (load ${loadavg()[0]!.toFixed(1)})…`);
      // The gateway's default insert size; the raw-insert ceiling inserts in chunks of the same size.
      runs.push(
        await runIngestBenchmarks({ events, agents: sendingAgents, batchSize, flushRows: DEFAULT_FLUSH_ROWS }, log),
      );
    }
    return {
      size: `${k(events)} events, ${sendingAgents} agents, ${batchSize} events/batch${repeats > 1 ? `, median of ${repeats} runs [min–max]` : ', one run'}`,
      engine: runs[0]!.raw.engine,
      rows: ingestRows(runs),
      details: runs,
    };
  },
  async otlp() {
    const results = await runOtlpBenchmark({ events, agents: sendingAgents, batchSize }, log);
    return {
      size: `${k(events)} Windows events, ${sendingAgents} agents, ${batchSize} events per batch or request`,
      engine: engineVersion(),
      rows: otlpRows(results),
      details: results,
    };
  },
  async connections() {
    const connectionAgents = agents ?? size.connections;
    const windowSeconds = number('window-seconds', values['window-seconds'])!;
    // The streaming window: by default one 50-event batch per agent a minute (10,000 agents: 8,333 events/s,
    // well inside what the gateway takes on this machine), so that what is measured is memory at a load it holds.
    const streamBatchSize = chosenBatchSize ?? 50;
    const options = {
      agents: connectionAgents,
      heartbeatSeconds: number('heartbeat-seconds', values['heartbeat-seconds'])!,
      windowSeconds,
      enrollConcurrency: number('enroll-concurrency', values['enroll-concurrency'])!,
      clientProcesses: number('client-processes', values['client-processes']),
      stream: {
        eventsPerSecond: number('rate', values.rate) ?? (connectionAgents * streamBatchSize) / 60,
        batchSize: streamBatchSize,
        windowSeconds,
      },
    };
    const results = await runConnectionsBenchmark(options, log);
    const stream = results.streaming;
    return {
      size:
        `${k(options.agents)} agents, a heartbeat every ${options.heartbeatSeconds} s each, ${results.clientProcesses} client processes; ` +
        `idle, then streaming ${k(options.stream.eventsPerSecond)} events/s together (a ${streamBatchSize}-event batch per agent every ${stream ? stream.intervalSeconds.toFixed(0) : '?'} s, simulator data); each window ${windowSeconds} s`,
      engine: engineVersion(),
      rows: connectionsRows(results),
      details: results,
    };
  },
  async 'noisy-neighbour'() {
    // The peak sends 1/8 of --events, as each of the 8 windows (4 misbehaviours, alone and with the neighbour) did
    // before they were repeated; with N pairs each window sends 1/N of that, so the part takes about as long.
    const options = {
      windowEvents: Math.ceil(events / 8 / repeats),
      peakEvents: Math.ceil(events / 8),
      pairs: repeats,
      agents: sendingAgents,
      batchSize: chosenBatchSize ?? 100,
      eventsPerSecond: number('rate', values.rate),
    };
    const results = await runNoisyNeighbourBenchmark(options, log);
    return {
      size: `${results.pairs} interleaved pairs of windows per misbehaviour, ${k(results.windowEvents)} events per window at ${k(results.eventsPerSecond)} events/s (${results.peak ? `half of the peak, ${k(results.peak.eventsPerSecond)}` : '--rate'}), ${sendingAgents} agents + 1 neighbour, ${options.batchSize} events/batch`,
      engine: engineVersion(),
      rows: noisyNeighbourRows(results),
      details: results,
    };
  },
  async duplicates() {
    const repetitions = number('repetitions', values.repetitions)!;
    const { results, data } = await runDuplicatesBenchmark(
      { events, agents: sendingAgents, batchSize, repetitions },
      log,
      parts.includes('storage'),
    );
    duplicatesData = data;
    return {
      size: `${k(events)} events + 10 % of batches re-sent, ${sendingAgents} agents, ${batchSize} events/batch`,
      engine: results.engine,
      rows: duplicatesRows(results),
      details: results,
    };
  },
  async storage() {
    const reused = duplicatesData;
    duplicatesData = undefined;
    const results = await runStorageBenchmark({ events, agents: sendingAgents, batchSize }, log, reused);
    return {
      size: `${k(results.events)} events (${reused ? 'the data of the duplicates run' : 'ingested over the gateway for this part'})`,
      engine: results.engine,
      rows: storageRows(results),
      details: results,
    };
  },
  async query() {
    const queryEvents = number('events', values.events) ?? QUERY_EVENTS;
    const options = {
      events: queryEvents,
      devices: queryDevicesFor(queryEvents),
      runs: number('query-runs', values['query-runs'])!,
      warmups: 2,
      counterRuns: 3,
      seed: '1',
      copies: QUERY_COPIES,
      healthRuns: runCount('health-runs', values['health-runs']),
    };
    const results = await runQueryBenchmark(options, log);
    return { size: querySize(results), engine: results.engine, rows: queryRows(results), details: results };
  },
};

/** The median of the runs' values, with [min–max] when there was more than one run. */
function spread(runs: IngestResults[], pick: (run: IngestResults) => number, format: (n: number) => string): string {
  const values = runs.map(pick);
  const median = format(medianOf(runs, pick));
  return values.length === 1 ? median : `${median} [${format(Math.min(...values))}–${format(Math.max(...values))}]`;
}

function medianOf(runs: IngestResults[], pick: (run: IngestResults) => number): number {
  const values = runs.map(pick).sort((a, b) => a - b);
  const half = Math.floor(values.length / 2);
  return values.length % 2 === 1 ? values[half]! : (values[half - 1]! + values[half]!) / 2;
}

function ingestRows(runs: IngestResults[]): BenchRow[] {
  const rate = (n: number) => k(n);
  const ms = (n: number) => n.toFixed(0);
  const ratio = (n: number) => n.toFixed(2);
  const floor = (run: IngestResults) => run.raw.fileNative.eventsPerSecond;
  const cpu = (pick: (run: IngestResults) => RunFigures) =>
    `CPU µs/event: main ${medianOf(runs, (r) => pick(r).cpuMicrosPerEvent.main).toFixed(1)}, engine ${medianOf(runs, (r) => pick(r).cpuMicrosPerEvent.other).toFixed(1)}, merges ${medianOf(runs, (r) => pick(r).cpuMicrosPerEvent.merges).toFixed(1)}${agentsCpu(pick)}`;
  // The agents run in the bench process on the same cores; results recorded before it was kept have none.
  const agentsCpu = (pick: (run: IngestResults) => RunFigures) =>
    runs.every((r) => pick(r).agentsCpuMicrosPerEvent !== undefined)
      ? `; agents (bench process) ${medianOf(runs, (r) => pick(r).agentsCpuMicrosPerEvent!).toFixed(1)}`
      : '';
  const gateway = (pick: (run: IngestResults) => RunFigures, withRss: boolean) =>
    `${spread(runs, (r) => pick(r).eventsPerSecond, rate)} events/s; ack p50 ${spread(runs, (r) => pick(r).ackP50Ms, ms)} ms, p99 ${spread(runs, (r) => pick(r).ackP99Ms, ms)} ms;${withRss ? ` RSS ${spread(runs, (r) => pick(r).gatewayPeakRssMiB, ms)} MiB;` : ''} ${cpu(pick)}`;
  const ceiling = (name: string, pick: (run: IngestResults) => CeilingFigures, goal: string): BenchRow => ({
    name,
    figure: `${spread(runs, (r) => pick(r).eventsPerSecond, rate)} events/s`,
    ratio: ratio(medianOf(runs, (r) => pick(r).eventsPerSecond / floor(r))),
    goal,
    verdict: 'info',
  });
  const wsRate = medianOf(runs, (r) => r.ws.eventsPerSecond);
  const wsRatio = medianOf(runs, (r) => r.ws.eventsPerSecond / floor(r));
  const wsP99 = medianOf(runs, (r) => r.ws.ackP99Ms);
  const halfP99 = medianOf(runs, (r) => r.wsHalfLoad.ackP99Ms);
  const httpRatio = medianOf(runs, (r) => r.http.eventsPerSecond / floor(r));
  return [
    ceiling('ceiling: file() Native', (r) => r.raw.fileNative, 'the write floor (ratio 1)'),
    ceiling('ceiling: file() JSONEachRow', (r) => r.raw.fileJson, "the engine's JSON parse + write"),
    ceiling('ceiling: rawInsert, 2 sessions', (r) => r.raw.rawInsert, 'pre-built JSON lines, flush-sized inserts'),
    {
      name: 'ingest-ws',
      figure: gateway((r) => r.ws, true),
      ratio: ratio(wsRatio),
      goal: '≥ 150,000 events/s; ≥ 0.55 × file() Native; p99 ack < 1 s',
      verdict: wsRate >= 150_000 && wsRatio >= 0.55 && wsP99 < 1000 ? 'pass' : 'short',
    },
    {
      name: 'ingest-ws @ half peak',
      figure: `${gateway((r) => r.wsHalfLoad, false)}${settledText(runs.map((r) => r.wsHalfLoad.settledAfter))}`,
      ratio: '—',
      goal: 'p99 ack < 250 ms',
      verdict: halfP99 < 250 ? 'pass' : 'short',
    },
    {
      name: 'ingest-http',
      figure: gateway((r) => r.http, true),
      ratio: ratio(httpRatio),
      goal: 'ratio ≥ 0.5',
      verdict: httpRatio >= 0.5 ? 'pass' : 'short',
    },
  ];
}

/** When the half-peak window started: after the gateway settled from the full-load run (recorded since it waits). */
function settledText(waits: (Settled | undefined)[]): string {
  const known = waits.filter((wait): wait is Settled => wait !== undefined);
  if (known.length === 0) return '';
  const seconds = known.map((wait) => Math.round(wait.seconds)).join(', ');
  const busy = known.filter((wait) => !wait.settled).length;
  return busy === 0
    ? `; started once the gateway had settled after the full load (${seconds} s)`
    : `; started with the gateway still busy after the full load in ${busy} of ${known.length} runs (waited ${seconds} s)`;
}

function otlpRows({ ws, otlp, ratio }: OtlpBenchResults): BenchRow[] {
  return [
    {
      name: 'ingest-ws (otlp run)',
      figure: `${k(ws.eventsPerSecond)} events/s; ack p50 ${ws.ackP50Ms.toFixed(0)} ms, p99 ${ws.ackP99Ms.toFixed(0)} ms; the same Windows events, mapped`,
      ratio: '1 (this run)',
      goal: 'the comparison',
      verdict: 'info',
    },
    {
      name: 'otlp',
      figure: `${k(otlp.eventsPerSecond)} records/s acked (protobuf, gzip); ack p50 ${otlp.ackP50Ms.toFixed(0)} ms, p99 ${otlp.ackP99Ms.toFixed(0)} ms; RSS ${otlp.gatewayPeakRssMiB.toFixed(0)} MiB`,
      ratio: ratio.toFixed(2),
      goal: '≥ 0.8 × ingest-ws',
      verdict: ratio >= 0.8 ? 'pass' : 'short',
    },
  ];
}

const results: Record<string, PartResults> = {};
let failed = false;
for (const part of parts) {
  log(`── ${part} ──`);
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  let outcome: PartRun;
  try {
    outcome = await runners[part]();
  } catch (error) {
    // A part that could not run is reported as such, in the table and in latest.json.
    failed = true;
    const message = (error as Error).message.split('\n')[0]!.slice(0, 200);
    log(`${part} failed: ${(error as Error).stack ?? message}`);
    outcome = {
      size: '—',
      engine: 'unknown',
      rows: [{ name: part, figure: `failed: ${message}`, ratio: '—', goal: '—', verdict: 'short' }],
      details: { error: String((error as Error).stack ?? error) },
    };
  }
  log(`${part} took ${((performance.now() - started) / 1000).toFixed(0)} s`);
  // A 1e8 query run is kept beside the 1e7 one, not over it.
  results[part === 'query' && QUERY_COPIES > 1 ? 'query@1e8' : part] = {
    date: new Date().toISOString(),
    size: outcome.size,
    machine: machineInfo(`ClickHouse ${outcome.engine} (chDB, embedded)`, loadAtStart),
    rows: outcome.rows,
    details: outcome.details,
  };
}

const machines = [
  ...new Set(
    Object.values(results).map(
      ({ machine: m }) => `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.engine}`,
    ),
  ),
];
console.log(`\nYorozu benchmarks — ${new Date().toISOString()}\n${machines.join('\n')}`);
for (const [part, result] of Object.entries(results))
  console.log(`${part}: ${result.size}; ${loadText(result.machine)}`);
console.log(`\n${printTable(Object.values(results).flatMap((result) => result.rows))}`);
const file = writeResults(results, PARTS);
console.log(
  `\nwritten to ${file}${parts.length < PARTS.length ? ` (the other parts' rows in it are from their own last runs)` : ''}`,
);
if (failed) process.exitCode = 1;
