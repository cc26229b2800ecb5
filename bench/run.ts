import { parseArgs } from 'node:util';
import { runIngestBenchmarks } from './ingest-bench.js';
import { machineInfo } from './machine.js';
import { printTable, writeResults, type BenchRow } from './report.js';

/**
 * `npm run bench [-- <part>…] [--size ci|readme] [--events N] [--agents N]`
 * Parts so far: ingest (ingest-ws, ingest-http, raw-insert). Sizes: ci = 1e6 events (default), readme = 1e7.
 */
const SIZES = { ci: 1_000_000, readme: 10_000_000 } as const;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    size: { type: 'string', default: 'ci' },
    events: { type: 'string' },
    agents: { type: 'string', default: '200' },
    'batch-size': { type: 'string', default: '500' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log('Usage: npm run bench [-- ingest] [--size ci|readme] [--events N] [--agents N] [--batch-size N]');
  process.exit(0);
}
const parts = positionals.length > 0 ? positionals : ['ingest'];
const unknown = parts.filter((part) => part !== 'ingest');
if (unknown.length > 0) {
  console.error(`Unknown benchmark part(s): ${unknown.join(', ')}. Available so far: ingest.`);
  process.exit(2);
}
if (!(values.size in SIZES)) {
  console.error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  process.exit(2);
}
const events = values.events ? Number(values.events) : SIZES[values.size as keyof typeof SIZES];
const agents = Number(values.agents);
const batchSize = Number(values['batch-size']);
const log = (line: string) => console.error(`[bench] ${line}`);

const k = (n: number) => Math.round(n).toLocaleString('en-US');
const rows: BenchRow[] = [];
const ingest = await runIngestBenchmarks({ events, agents, batchSize, flushRows: 20_000 }, log);
const { raw, ws, wsHalfLoad, http } = ingest;
const wsRatio = ws.eventsPerSecond / raw.eventsPerSecond;
const httpRatio = http.eventsPerSecond / raw.eventsPerSecond;
rows.push(
  { name: 'raw-insert', figure: `${k(raw.eventsPerSecond)} events/s`, ratio: '1 (ceiling)', goal: 'the ceiling', verdict: 'info' },
  {
    name: 'ingest-ws',
    figure: `${k(ws.eventsPerSecond)} events/s; ack p50 ${ws.ackP50Ms.toFixed(0)} ms, p99 ${ws.ackP99Ms.toFixed(0)} ms; RSS ${ws.gatewayPeakRssMiB.toFixed(0)} MiB`,
    ratio: wsRatio.toFixed(2),
    goal: '≥ 150,000 events/s; ratio ≥ 0.6',
    verdict: ws.eventsPerSecond >= 150_000 && wsRatio >= 0.6 ? 'pass' : 'short',
  },
  {
    name: 'ingest-ws @ half peak',
    figure: `${k(wsHalfLoad.eventsPerSecond)} events/s; ack p50 ${wsHalfLoad.ackP50Ms.toFixed(0)} ms, p99 ${wsHalfLoad.ackP99Ms.toFixed(0)} ms`,
    ratio: '—',
    goal: 'p99 ack < 250 ms',
    verdict: wsHalfLoad.ackP99Ms < 250 ? 'pass' : 'short',
  },
  {
    name: 'ingest-http',
    figure: `${k(http.eventsPerSecond)} events/s; ack p50 ${http.ackP50Ms.toFixed(0)} ms, p99 ${http.ackP99Ms.toFixed(0)} ms; RSS ${http.gatewayPeakRssMiB.toFixed(0)} MiB`,
    ratio: httpRatio.toFixed(2),
    goal: 'ratio ≥ 0.6',
    verdict: httpRatio >= 0.6 ? 'pass' : 'short',
  },
);

const machine = machineInfo(`ClickHouse ${raw.engine} (chDB, embedded)`);
const size = `${k(events)} events, ${agents} agents, ${batchSize} events/batch`;
const date = new Date().toISOString();
console.log(`\nYorozu benchmarks — ${date}\n${size}\n${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.engine}\n`);
console.log(printTable(rows));
const file = writeResults({ date, size, machine, rows, details: ingest });
console.log(`\nwritten to ${file}`);
