import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { startYorozu } from '../server/yorozu.js';
import { yorozuProcessEnv } from '../harness/yorozu-process.js';
import { copyEvents } from './query-copies.js';
import {
  COUNTER_NAMES,
  DATA_TABLES,
  DAY_MS,
  QUERY_DAYS,
  TargetObserver,
  deviceRows,
  enrolledDevices,
  participantSpecs,
  pickTargets,
  plan,
  scaleFor,
  weekStart,
  type ChildMessage,
  type DataTable,
  type EngineCounters,
  type EvaluationRecord,
  type ParentMessage,
  type QuerySetup,
  type StateTable,
  type WorkerCredit,
  type WorkerInput,
  type WorkerMessage,
} from './query-data.js';

/**
 * The `query` part's Yorozu, in a process of its own (chDB binds one data directory per process),
 * forked by query-bench.ts with an IPC channel. It starts Yorozu as `npm start` would (startYorozu:
 * migrations, the API on loopback), registers the participants, writes the 10,000 devices straight
 * into `devices`, generates the simulator's events and inserts them straight into `events` in large
 * inserts (device_hourly_mv fills device_hourly), runs OPTIMIZE TABLE … FINAL, then tells the parent
 * where the API is and what to search for. It answers the parent's requests for the engine's read
 * counters (system.events) until told to stop.
 *
 * With <copies> above 1, the simulated events are then copied inside the engine under other ids (query-copies.ts).
 *
 * usage (forked): query-process.ts <dataDir> <events> <devices> <seed> [<copies>]
 */
const [dataDir, eventsText, devicesText, seed, copiesText = '1'] = process.argv.slice(2);
if (!dataDir || !eventsText || !devicesText || !seed || !process.send)
  throw new Error('usage (forked with IPC): query-process.ts <dataDir> <events> <devices> <seed>');
const targetEvents = Number(eventsText);
const deviceCount = Number(devicesText);
const copies = Number(copiesText);
const INSERT_ROWS = 200_000;
/** A label for the log, not a statement. */
const MERGED = 'OPTIMIZE TABLE events FINAL (and device_hourly, devices, health_results, inventory_*)';
/** One fixed statement per table generation fills (no table name is pasted into SQL). */
const INSERT_INTO: Record<DataTable, string> = {
  events: 'INSERT INTO events FORMAT JSONEachRow',
  health_results: 'INSERT INTO health_results FORMAT JSONEachRow',
  inventory_hardware: 'INSERT INTO inventory_hardware FORMAT JSONEachRow',
  inventory_software: 'INSERT INTO inventory_software FORMAT JSONEachRow',
  inventory_os_updates: 'INSERT INTO inventory_os_updates FORMAT JSONEachRow',
};
const OPTIMIZE = [
  'OPTIMIZE TABLE events FINAL',
  'OPTIMIZE TABLE device_hourly FINAL',
  'OPTIMIZE TABLE devices FINAL',
  'OPTIMIZE TABLE health_results FINAL',
  'OPTIMIZE TABLE inventory_hardware FINAL',
  'OPTIMIZE TABLE inventory_software FINAL',
  'OPTIMIZE TABLE inventory_os_updates FINAL',
];
/** A worker thread does not take `--import tsx`: it registers tsx itself, then loads query-worker.ts. */
const WORKER_BOOT = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(new URL('./query-worker.ts', import.meta.url).href)}); })`;

const send = (message: ChildMessage) =>
  new Promise<void>((resolve) => process.send!(message, undefined, {}, () => resolve()));
const progress = (line: string) => void send({ type: 'progress', line });
const k = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (since: number) => (performance.now() - since) / 1000;

const started = performance.now();
const yorozu = await startYorozu(
  loadConfig(yorozuProcessEnv(dataDir, { YOROZU_LOG_LEVEL: 'warn' })),
  createLogger('warn'),
);
const { client } = yorozu.database;

async function rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return (await client.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>();
}

async function counters(): Promise<EngineCounters> {
  const found = await rows<{ event: string; value: string }>(
    'SELECT event, value FROM system.events WHERE event IN {names:Array(String)}',
    { names: COUNTER_NAMES },
  );
  const values = Object.fromEntries(COUNTER_NAMES.map((name) => [name, 0])) as EngineCounters;
  for (const { event, value } of found) values[event as keyof EngineCounters] = Number(value);
  return values;
}

async function setUp(): Promise<QuerySetup> {
  const startMs = weekStart(Date.now());
  const planStarted = performance.now();
  const scale = scaleFor(seed!, deviceCount, startMs, targetEvents, progress);
  const office = plan(seed!, deviceCount, startMs, scale);
  const specs = participantSpecs(deviceCount);
  const participantIds: string[] = [];
  for (const spec of specs)
    participantIds.push(await yorozu.participants.applications.registerDirectly({ organisation: spec.name }, 'bench'));
  const devices = enrolledDevices(office, participantIds);
  await client.insert({ table: 'devices', values: deviceRows(devices, startMs), format: 'JSONEachRow' });
  const planSeconds = seconds(planStarted);
  progress(
    `query: ${specs.length} participants and ${k(devices.length)} devices registered; generating ${QUERY_DAYS} days from ${new Date(startMs).toISOString()} at scale ${scale.toFixed(4)}`,
  );

  // Generation runs in worker threads; this thread inserts their chunks one after another.
  const workers = Math.max(1, Math.min(4, availableParallelism()));
  const observer = new TargetObserver(startMs);
  const perParticipant = new Array<number>(specs.length).fill(0);
  const generateStarted = performance.now();
  const queue: { table: DataTable; body: string; rows: number; pcs: number; from: Worker }[] = [];
  let wake: (() => void) | undefined;
  let done = 0;
  let failure: Error | undefined;
  let generating = true;
  const threads = Array.from({ length: workers }, (_, worker) => {
    const input: WorkerInput = {
      seed: seed!,
      devices: deviceCount,
      startMs,
      scale,
      participantIds,
      worker,
      workers,
      chunkRows: INSERT_ROWS,
    };
    const thread = new Worker(WORKER_BOOT, {
      eval: true,
      workerData: input,
      resourceLimits: { maxOldGenerationSizeMb: 3072 },
    });
    thread.on('message', (message: WorkerMessage) => {
      if (message.type === 'chunk') queue.push({ ...message, from: thread });
      else {
        observer.merge(message.observed);
        message.perParticipant.forEach((n, i) => (perParticipant[i]! += n));
        done += 1;
      }
      wake?.();
    });
    thread.on('error', (error) => {
      failure = error;
      wake?.();
    });
    thread.on('exit', (code) => {
      if (generating && code !== 0) failure ??= new Error(`a generation worker exited with ${code}`);
      wake?.();
    });
    return thread;
  });
  progress(`query: generating in ${workers} worker thread(s), inserting in chunks of ${k(INSERT_ROWS)} rows`);
  let inserted = 0;
  const insertedRows = Object.fromEntries(DATA_TABLES.map((table) => [table, 0])) as Record<DataTable, number>;
  let pcsDone = 0;
  let insertSeconds = 0;
  let lastReport = performance.now();
  while (done < workers || queue.length > 0) {
    if (failure) throw failure;
    const next = queue.shift();
    if (!next) {
      await new Promise<void>((resolve) => (wake = resolve));
      continue;
    }
    const insertStarted = performance.now();
    const result = await client.exec({
      query: INSERT_INTO[next.table],
      values: Readable.from([next.body], { objectMode: false }),
    });
    result.stream.resume();
    insertSeconds += seconds(insertStarted);
    next.from.postMessage({ type: 'inserted' } satisfies WorkerCredit);
    insertedRows[next.table] += next.rows;
    inserted = insertedRows.events;
    pcsDone += next.pcs;
    if (performance.now() - lastReport > 15_000) {
      lastReport = performance.now();
      progress(
        `query: ${k(inserted)} events and ${k(insertedRows.health_results)} health results inserted, from ${k(pcsDone)} of ${k(devices.length)} PCs (${seconds(generateStarted).toFixed(0)} s)`,
      );
    }
  }
  generating = false;
  await Promise.all(threads.map((thread) => thread.terminate()));
  const generateAndInsertSeconds = seconds(generateStarted);
  const stateRows: Record<StateTable, number> = {
    health_results: insertedRows.health_results,
    inventory_hardware: insertedRows.inventory_hardware,
    inventory_software: insertedRows.inventory_software,
    inventory_os_updates: insertedRows.inventory_os_updates,
  };
  progress(
    `query: ${k(inserted)} events generated and inserted in ${generateAndInsertSeconds.toFixed(0)} s (${k(inserted / generateAndInsertSeconds)} events/s; inserts ran ${insertSeconds.toFixed(0)} s of it), ` +
      `with the health policies' inputs: ${Object.entries(stateRows)
        .map(([table, n]) => `${k(n)} ${table}`)
        .join(', ')}; merging…`,
  );

  const copySeconds = copies > 1 ? await copyEvents(client, participantIds, copies, progress) : 0;

  const optimizeStarted = performance.now();
  for (const query of OPTIMIZE) await client.command({ query });
  const optimizeSeconds = seconds(optimizeStarted);
  const [parts] = await rows<{ rows: string; parts: string; bytes: string }>(
    'SELECT sum(rows) AS rows, count() AS parts, sum(bytes_on_disk) AS bytes FROM system.parts WHERE database = {db:String} AND table = {table:String} AND active',
    { db: yorozu.database.databaseName, table: 'events' },
  );
  const [hourly] = await rows<{ n: string }>('SELECT count() AS n FROM device_hourly');
  const [version] = await rows<{ v: string }>('SELECT version() AS v');
  progress(
    `query: ${MERGED} took ${optimizeSeconds.toFixed(0)} s; ${k(Number(parts!.rows))} rows in ${parts!.parts} active part(s), ${(Number(parts!.bytes) / 2 ** 20).toFixed(0)} MiB`,
  );

  const target = pickTargets(office, observer, participantIds[0]!);
  return {
    url: yorozu.url,
    engine: version!.v,
    seed: seed!,
    scale,
    events: inserted * copies,
    simulatedEvents: inserted,
    copies,
    devices: devices.length,
    participants: specs.map((spec, i) => ({
      participantId: participantIds[i]!,
      name: spec.name,
      devices: spec.devices,
      events: perParticipant[i]!,
    })),
    week: { from: new Date(startMs).toISOString(), to: new Date(startMs + QUERY_DAYS * DAY_MS).toISOString() },
    target: {
      participantId: participantIds[0]!,
      name: specs[0]!.name,
      devices: specs[0]!.devices,
      events: observer.events,
      ...target,
    },
    timings: {
      planSeconds,
      generateAndInsertSeconds,
      insertSeconds,
      workers,
      copySeconds,
      optimizeSeconds,
      totalSeconds: seconds(started),
    },
    storage: {
      rowsAfterMerge: Number(parts!.rows),
      activeParts: Number(parts!.parts),
      bytesOnDisk: Number(parts!.bytes),
      deviceHourlyRows: Number(hourly!.n),
    },
    stateRows,
  };
}

/** Every health evaluation so far (policy_evaluations) with the verdicts each wrote (policy_results), oldest first. */
async function evaluations(): Promise<EvaluationRecord[]> {
  const found = await rows<{
    participant_id: string;
    evaluation_id: string;
    evaluated_for: string;
    started_at: string;
    finished_at: string;
    policies: string;
    devices: string;
    failures: string;
    errors: string[];
  }>(
    'SELECT participant_id, evaluation_id, evaluated_for, started_at, finished_at, policies, devices, failures, errors FROM policy_evaluations ORDER BY started_at',
  );
  const verdicts = await rows<{ evaluation_id: string; status: 'pass' | 'fail' | 'unknown'; n: string }>(
    'SELECT evaluation_id, status, count() AS n FROM policy_results GROUP BY evaluation_id, status',
  );
  const byEvaluation = new Map<string, EvaluationRecord['verdicts']>();
  for (const { evaluation_id, status, n } of verdicts) {
    const counts = byEvaluation.get(evaluation_id) ?? { pass: 0, fail: 0, unknown: 0 };
    counts[status] += Number(n);
    byEvaluation.set(evaluation_id, counts);
  }
  return found.map((row) => ({
    participantId: row.participant_id,
    evaluationId: row.evaluation_id,
    evaluatedFor: row.evaluated_for,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    policies: Number(row.policies),
    devices: Number(row.devices),
    failures: Number(row.failures),
    errors: row.errors,
    verdicts: byEvaluation.get(row.evaluation_id) ?? { pass: 0, fail: 0, unknown: 0 },
  }));
}

let stopping = false;
async function stop(): Promise<void> {
  stopping = true;
  await yorozu.stop();
  rmSync(dataDir!, { recursive: true, force: true });
  await send({ type: 'stopped' });
  process.exit(0);
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'counters') {
    counters().then(
      (values) => void send({ type: 'counters', id: message.id, values }),
      (error: unknown) => void send({ type: 'failed', error: String((error as Error).stack ?? error) }),
    );
  } else if (message.type === 'evaluations') {
    evaluations().then(
      (values) => void send({ type: 'evaluations', id: message.id, values }),
      (error: unknown) =>
        void send({ type: 'evaluations', id: message.id, values: [], error: String((error as Error).stack ?? error) }),
    );
  } else if (message.type === 'stop') {
    void stop();
  }
});
// The parent gone (it failed or was interrupted): free the data directory too.
process.on('disconnect', () => {
  if (stopping) return;
  stopping = true;
  void yorozu.stop().finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});

try {
  await send({ type: 'ready', setup: await setUp() });
} catch (error) {
  await send({ type: 'failed', error: String((error as Error).stack ?? error) });
  await yorozu.stop().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
}
