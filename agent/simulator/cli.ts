import { parseArgs } from 'node:util';
import { planOffice } from './office-plan.js';
import { DEFAULT_PARTICIPANT_NAMES } from './people-and-places.js';
import { runSimulator, type SimulatorProgress } from './run-simulator.js';
import { measureWorkload } from './workload-stats.js';

/**
 * Command line for the simulator: backfill or real time against a running Yorozu, or --stats to
 * measure what a seed generates without a server. Progress goes to stderr; the result (with the
 * planted incidents) goes to stdout as JSON, so it can be piped into jq.
 */
const HELP = `Yorozu office simulator: many realistic Japanese office PCs, over the real agent protocol.

Usage:
  npx tsx agent/simulator/cli.ts --server URL --secret S [--secret S2 …] [options]
  npx tsx agent/simulator/cli.ts --stats [--seed N --devices N --days N --scale X]

Options:
  --server URL        Yorozu base URL, e.g. http://localhost:8080
  --secret S          a participant's enrollment secret (yes1.…); once per participant
  --name NAME         that participant's name for generated data (in --secret order; optional)
  --seed N            seed; the same seed gives the same events (default 1)
  --devices N         PCs per participant (default 5)
  --days N            backfill: days ending yesterday (default 7); realtime: days planned (default 365)
  --start TIME        backfill: first day instead (RFC 3339 or YYYY-MM-DD)
  --mode M            backfill (default) or realtime
  --duration SECONDS  realtime: stop after this long (default: until Ctrl-C)
  --scale X           activity multiplier; 1 ≈ 300 events per PC in a busy office hour (default 1)
  --in-flight N       batches awaiting acks per PC (default 4)
  --stats             print what the seed generates (categories, hourly shape, incidents); no server
  --help              this text

Prints progress on stderr and, at the end, the result with the planted incidents as JSON on stdout.`;

function fail(message: string): never {
  console.error(`simulator: ${message}\n\n${HELP}`);
  process.exit(2);
}

function positiveNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) fail(`--${name} must be a positive number, not "${text}"`);
  return value;
}

function describeProgress(mode: string, p: SimulatorProgress): string {
  const n = (value: number) => value.toLocaleString('en-US');
  return (
    `[${mode}] ${p.phase} · PCs ${p.devicesEnrolled}/${p.devices} · events ${n(p.eventsGenerated)} generated, ${n(p.eventsSent)} stored` +
    `${p.eventsRejected ? `, ${n(p.eventsRejected)} rejected` : ''} · health ${n(p.healthResultsSent)} · retries ${n(p.retries)}`
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      server: { type: 'string' },
      secret: { type: 'string', multiple: true },
      name: { type: 'string', multiple: true },
      seed: { type: 'string' },
      devices: { type: 'string' },
      days: { type: 'string' },
      start: { type: 'string' },
      mode: { type: 'string' },
      duration: { type: 'string' },
      scale: { type: 'string' },
      'in-flight': { type: 'string' },
      stats: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const seed = values.seed ?? '1';
  const devices = positiveNumber('devices', values.devices, 5);
  const scale = positiveNumber('scale', values.scale, 1);
  const names = values.name ?? [];

  if (values.stats) {
    const days = positiveNumber('days', values.days, 28);
    const participants = DEFAULT_PARTICIPANT_NAMES.slice(0, 2).map((name, i) => ({ name: names[i] ?? name }));
    const plan = planOffice({
      seed,
      participants,
      devicesPerParticipant: devices,
      days,
      scale,
      start: values.start ?? '2026-11-02',
    });
    const stats = measureWorkload(plan);
    console.log(
      JSON.stringify({ seed, start: plan.day(0).date, ...stats, workdayHours: stats.workdayHours.join(' ') }, null, 2),
    );
    return;
  }

  const mode = values.mode ?? 'backfill';
  if (mode !== 'backfill' && mode !== 'realtime') fail(`--mode must be backfill or realtime, not "${mode}"`);
  if (!values.server) fail('--server is required');
  if (!values.secret?.length) fail('at least one --secret is required');
  const abort = new AbortController();
  process.once('SIGINT', () => {
    console.error('simulator: stopping (Ctrl-C again to quit at once)');
    abort.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  let lastLine = 0;
  const result = await runSimulator({
    serverUrl: values.server,
    seed,
    mode,
    devicesPerParticipant: devices,
    scale,
    signal: abort.signal,
    participants: values.secret.map((secret, i) => ({ secret, ...(names[i] ? { name: names[i] } : {}) })),
    ...(values.days ? { days: positiveNumber('days', values.days, 7) } : {}),
    ...(values.start ? { start: values.start } : {}),
    ...(values.duration ? { durationMs: positiveNumber('duration', values.duration, 60) * 1000 } : {}),
    ...(values['in-flight'] ? { inFlightPerAgent: positiveNumber('in-flight', values['in-flight'], 4) } : {}),
    onProgress: (progress) => {
      if (progress.phase !== 'done' && Date.now() - lastLine < 2000) return;
      lastLine = Date.now();
      console.error(describeProgress(mode, progress));
    },
  });
  console.log(JSON.stringify(result, null, 2));
}

main().catch((error: unknown) => {
  console.error(`simulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
