import { evaluationCostRow } from './detection-bench.js';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { signIn, TEST_OPERATOR, type ApiClient } from '../harness/api-client.js';
import { ROOT } from './gateway-process.js';
import { postWithoutDeadline } from './post-without-deadline.js';
import { cpuSeconds, percentile } from './latency.js';
import {
  type ChildMessage,
  type EngineCounters,
  type EvaluationRecord,
  type ParentMessage,
  type QuerySetup,
} from './query-data.js';
import type { BenchRow } from './report.js';

/**
 * `query` of BENCHMARKS.md: the log explorer's and the fleet overview's reads, timed through the real
 * HTTP API of a Yorozu on an embedded engine holding the simulator's events over 7 days (10,000 PCs at 1e7 events, fewer for a smaller run: run.ts).
 * The Yorozu and its data live in a child process (query-process.ts); this process signs in as the
 * operator, chooses an access purpose, and times each call from the request to the last byte of the
 * answer. The calls take turns (one round = every call once): 2 rounds of warm-up, then `runs` timed
 * rounds. Rows and bytes read come from the engine's own counters (system.events in the child) around
 * a few extra calls, since chDB keeps no system.query_log. Last, the health row: 50 enabled policies
 * (the 15 built-in ones and 35 copies made through the API), each full evaluation of every participant
 * run through the health-evaluation job's API call and timed.
 */
export interface QueryOptions {
  events: number;
  devices: number;
  runs: number;
  warmups: number;
  /** Extra calls per query, each between two reads of the engine's counters; the smallest is kept. */
  counterRuns: number;
  seed: string;
  /** The events table holds the simulated events this many times (query-copies.ts); 1 = no copies. */
  copies: number;
  /** Timed runs of the health-evaluation job; 0 leaves the health row out (`--health-runs 0`). */
  healthRuns: number;
}

type Kind = 'search' | 'histogram' | 'timeline' | 'aggregate' | 'autocomplete' | 'fleet';

interface QueryCall {
  name: string;
  /** 'floor': the API's own cost (sign-in check, routing), timed with the others but not a row. */
  kind: Kind | 'floor';
  path: string;
  /** What the answer must hold, from what was generated. */
  expected: number;
  /** Reads from the answer the number compared with `expected`, and a short description. */
  answer(body: unknown): { value: number; text: string };
}

export interface ReadCounters {
  rows: number;
  bytes: number;
  compressedBytes: number;
  marks: number;
  parts: number;
  selectQueries: number;
}

export interface QueryMeasurement {
  name: string;
  kind: Kind | 'floor';
  path: string;
  goalMs: number;
  runsMs: number[];
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  answer: string;
  answerValue: number;
  expected: number;
  /** Engine counters of one call (the one reading the fewest rows of `counterRuns`); undefined if they could not be read. */
  read: ReadCounters | undefined;
}

export interface QueryResults {
  engine: string;
  setup: QuerySetup;
  runs: number;
  warmups: number;
  counterRuns: number;
  /** What one read of system.events itself adds to the counters (subtracted from each call's). */
  counterOverhead: ReadCounters | undefined;
  timingSeconds: number;
  /**
   * CPU time during the timed rounds (the machine is shared): all of it (/proc/stat), this benchmark's
   * (the bench and the engine's process), and the rest, used by other processes.
   */
  cpuDuringTiming: {
    cpus: number;
    seconds: number;
    machineBusySeconds: number;
    benchSeconds: number;
    othersSeconds: number;
  };
  /** An authenticated call that reads no events (the query language's field list): what any call costs. */
  floor: QueryMeasurement;
  measurements: QueryMeasurement[];
  /** All health policies over all devices; `error` when it could not run. */
  health: HealthMeasurement | { error: string } | { skipped: string };
}

/** One run of the health-evaluation job: every participant, every enabled policy. */
export interface HealthRun {
  /** From the request to the last byte of the answer (the job answers when every participant is done). */
  seconds: number;
  /** The job's own result ({ participants, failures, errors }), or its error. */
  result: Record<string, number> | undefined;
  jobError: string | undefined;
  evaluations: number;
  /** Verdicts written (policy_results rows of this run), and what every policy on every device makes. */
  verdicts: { pass: number; fail: number; unknown: number; total: number; expected: number };
  /** "<slug>: <message>" of every policy that failed to run, per participant evaluation. */
  errors: string[];
}

export interface HealthMeasurement {
  goalSeconds: number;
  policies: { enabled: number; builtin: number; copies: number; createSeconds: number };
  devices: number;
  participants: number;
  /**
   * The run before the timed ones: each participant meets the 50 policies for the first time, so it also evaluates
   * them at the past instants of the history (health/evaluation-history.ts), and every rule reads every event (no
   * watermark yet). A one-off per new policy or participant, reported, not judged.
   */
  firstRun: { seconds: number; result: Record<string, number> | undefined; jobError: string | undefined };
  runs: HealthRun[];
  medianSeconds: number;
  maxSeconds: number;
  cpuDuringRuns: { seconds: number; machineBusySeconds: number; benchSeconds: number; othersSeconds: number };
}

export const GOAL_MS: Record<Kind | 'floor', number> = {
  search: 1000,
  histogram: 300,
  timeline: 100,
  aggregate: 1000,
  autocomplete: 300,
  fleet: 300,
  floor: NaN,
};
/** The health issue's goal: 50 policies over 10,000 devices in < 10 s on this machine. */
const HEALTH_POLICIES = 50;
const HEALTH_GOAL_SECONDS = 10;
const GOAL_TEXT: Record<Kind, string> = {
  search: 'p95 < 1 s',
  histogram: 'p95 < 300 ms',
  timeline: 'p95 < 100 ms',
  aggregate: 'p95 < 1 s (as a search)',
  autocomplete: 'p95 < 300 ms (suggestions while typing)',
  fleet: 'p95 < 300 ms',
};
const SEARCH_LIMIT = 200;
/** The timeline's page (the API's default): the newest events of the range, older ones by cursor. */
const TIMELINE_LIMIT = 500;
const k = (n: number) => Math.round(n).toLocaleString('en-US');

/** The engine's child process, driven over IPC. */
class QueryChild {
  private readonly child: ChildProcess;
  private output = '';
  private nextId = 1;
  private readonly waiting = new Map<number, (values: EngineCounters) => void>();
  private readonly waitingEvaluations = new Map<
    number,
    (answer: { values: EvaluationRecord[]; error?: string }) => void
  >();
  private readonly exited: Promise<number | null>;
  readonly ready: Promise<QuerySetup>;
  private stopped: (() => void) | undefined;

  constructor(dataDir: string, options: QueryOptions, log: (line: string) => void) {
    this.child = fork(
      path.join(ROOT, 'bench/query-process.ts'),
      [dataDir, String(options.events), String(options.devices), options.seed, String(options.copies)],
      {
        cwd: ROOT,
        execArgv: ['--import', 'tsx', '--max-old-space-size=6144'],
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      },
    );
    // Yorozu logs warnings and worse; keep the last of them for an error message, drain the rest.
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-16_384));
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.ready = new Promise<QuerySetup>((resolve, reject) => {
      this.child.on('message', (message: ChildMessage) => {
        if (message.type === 'progress') log(message.line);
        else if (message.type === 'ready') resolve(message.setup);
        else if (message.type === 'counters') {
          this.waiting.get(message.id)?.(message.values);
          this.waiting.delete(message.id);
        } else if (message.type === 'evaluations') {
          this.waitingEvaluations.get(message.id)?.(message);
          this.waitingEvaluations.delete(message.id);
        } else if (message.type === 'stopped') this.stopped?.();
        else if (message.type === 'failed') reject(new Error(`the query engine process failed: ${message.error}`));
      });
      void this.exited.then((code) =>
        reject(new Error(`the query engine process exited with ${code} before it was ready:\n${this.output}`)),
      );
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  counters(): Promise<EngineCounters> {
    const id = this.nextId++;
    return new Promise<EngineCounters>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer for the engine counters in 30 s')), 30_000);
      this.waiting.set(id, (values) => {
        clearTimeout(timer);
        resolve(values);
      });
      this.child.send({ type: 'counters', id } satisfies ParentMessage);
    });
  }

  /** Every health evaluation so far, with the verdicts each wrote (read in the child). */
  evaluations(): Promise<EvaluationRecord[]> {
    const id = this.nextId++;
    return new Promise<EvaluationRecord[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer for the health evaluations in 60 s')), 60_000);
      this.waitingEvaluations.set(id, ({ values, error }) => {
        clearTimeout(timer);
        if (error) reject(new Error(`reading the health evaluations failed: ${error}`));
        else resolve(values);
      });
      this.child.send({ type: 'evaluations', id } satisfies ParentMessage);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const stopped = new Promise<void>((resolve) => (this.stopped = resolve));
    if (this.child.connected) this.child.send({ type: 'stop' } satisfies ParentMessage);
    const forced = setTimeout(() => this.child.kill('SIGKILL'), 120_000);
    await Promise.race([stopped.then(() => this.exited), this.exited]);
    clearTimeout(forced);
  }
}

function calls(setup: QuerySetup): QueryCall[] {
  const { target, week } = setup;
  const p = `/api/v1/participants/${target.participantId}`;
  const range = (r: { from: string; to: string }) =>
    `from=${encodeURIComponent(r.from)}&to=${encodeURIComponent(r.to)}`;
  const q = (text: string) => `q=${encodeURIComponent(text)}`;
  const hits = (body: unknown) => {
    const { events, nextCursor } = body as { events: unknown[]; nextCursor: string | null };
    return { value: events.length, text: `${k(events.length)}${nextCursor ? '+' : ''} hits` };
  };
  const histogram = (body: unknown) => {
    const { total, buckets, bucketSeconds } = body as { total: number; buckets: unknown[]; bucketSeconds: number };
    return { value: total, text: `${k(total)} events in ${buckets.length} buckets of ${bucketSeconds / 60} min` };
  };
  const groups = (body: unknown) => {
    const { rows } = body as { rows: unknown[] };
    return { value: rows.length, text: `${k(rows.length)} groups` };
  };
  return [
    {
      name: 'API floor (field list: session check only)',
      kind: 'floor',
      path: `${p}/events/fields`,
      expected: -1,
      answer: (body) => ({ value: (body as { fields: unknown[] }).fields.length, text: 'the field list' }),
    },
    {
      name: 'query: search by value (serial, 7 d)',
      kind: 'search',
      path: `${p}/events?${q(`serial:"${target.serial.value}"`)}&${range(week)}`,
      expected: Math.min(SEARCH_LIMIT, target.serial.events),
      answer: hits,
    },
    {
      name: 'query: search by value (user, 24 h)',
      kind: 'search',
      path: `${p}/events?${q(`user:${target.user.value}`)}&${range(target.day)}`,
      expected: Math.min(SEARCH_LIMIT, target.user.eventsThatDay),
      answer: hits,
    },
    {
      name: 'query: search by text (7 d)',
      kind: 'search',
      path: `${p}/events?${q(target.word.value)}&${range(week)}`,
      expected: -1,
      answer: hits,
    },
    {
      name: 'query: search ordered by bytes, largest first (24 h)',
      kind: 'search',
      path: `${p}/events?q=&sort=bytes&dir=desc&${range(target.day)}`,
      expected: Math.min(SEARCH_LIMIT, target.day.events),
      answer: hits,
    },
    {
      name: 'query: histogram (24 h)',
      kind: 'histogram',
      path: `${p}/events/histogram?q=&${range(target.day)}`,
      expected: target.day.events,
      answer: histogram,
    },
    {
      name: 'query: histogram (7 d)',
      kind: 'histogram',
      path: `${p}/events/histogram?q=&${range(week)}`,
      expected: target.events,
      answer: histogram,
    },
    {
      name: 'query: histogram split by user (7 d)',
      kind: 'histogram',
      path: `${p}/events/histogram?q=&split=user&${range(week)}`,
      expected: target.events,
      answer: histogram,
    },
    {
      name: 'query: device day timeline',
      kind: 'timeline',
      path: `${p}/devices/${target.timeline.deviceId}/timeline?${range(target.day)}`,
      expected: Math.min(TIMELINE_LIMIT, target.timeline.events),
      answer: (body) => {
        const { events, truncated } = body as { events: unknown[]; truncated: boolean };
        return { value: events.length, text: `${k(events.length)}${truncated ? '+' : ''} events` };
      },
    },
    {
      name: 'query: device week timeline (newest page, density, last activity)',
      kind: 'timeline',
      path: `${p}/devices/${target.timeline.deviceId}/timeline?${range(week)}`,
      expected: -1,
      answer: (body) => {
        const { events, total } = body as { events: unknown[]; total: number };
        return { value: events.length, text: `${k(events.length)} of ${k(total)} events` };
      },
    },
    {
      name: 'query: field statistics (top 10 users, 7 d)',
      kind: 'aggregate',
      path: `${p}/events/aggregate?by=user&limit=10&${range(week)}`,
      expected: -1,
      answer: groups,
    },
    {
      name: 'query: aggregate (sum of bytes by user, file operations, 7 d)',
      kind: 'aggregate',
      path: `${p}/events/aggregate?${q('category:file_operation')}&fn=sum&of=bytes&by=user&${range(week)}`,
      expected: -1,
      answer: groups,
    },
    {
      name: 'query: autocomplete (user values by 2 letters, 7 d)',
      kind: 'autocomplete',
      path: `${p}/events/values?field=user&prefix=${encodeURIComponent(target.user.value.slice(0, 2))}&${range(week)}`,
      expected: -1,
      answer: (body) => {
        const { values } = body as { values: unknown[] };
        return { value: values.length, text: `${k(values.length)} values` };
      },
    },
    {
      name: 'query: search across participants (word, 7 d)',
      kind: 'search',
      path: `/api/v1/admin/events?${q(target.word.value)}&${range(week)}`,
      expected: -1,
      answer: hits,
    },
    {
      name: 'query: fleet overview',
      kind: 'fleet',
      path: '/api/v1/admin/fleet',
      expected: setup.devices,
      answer: (body) => {
        const { participants } = body as { participants: { devices: number }[] };
        const devices = participants.reduce((sum, p) => sum + p.devices, 0);
        return { value: devices, text: `${participants.length} participants, ${k(devices)} devices` };
      },
    },
    {
      name: 'query: fleet device list',
      kind: 'fleet',
      path: '/api/v1/admin/fleet/devices?limit=50&sort=last_seen&order=desc',
      expected: setup.devices,
      answer: (body) => {
        const { total, devices } = body as { total: number; devices: unknown[] };
        return { value: total, text: `${devices.length} of ${k(total)} devices` };
      },
    },
  ];
}

async function timedGet(baseUrl: string, token: string, pathAndQuery: string): Promise<{ ms: number; body: unknown }> {
  const started = performance.now();
  const response = await fetch(new URL(pathAndQuery, baseUrl), { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200)
    throw new Error(`GET ${pathAndQuery} answered ${response.status}: ${text.slice(0, 500)}`);
  return { ms, body: JSON.parse(text) as unknown };
}

/** Busy CPU seconds of the whole machine so far (every CPU; /proc/stat, in USER_HZ = 100 per second). */
function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal …: everything but idle and iowait is busy.
  const busy = fields.reduce((sum, value, i) => (i === 3 || i === 4 || i > 7 ? sum : sum + value), 0);
  return busy / 100;
}

function difference(after: EngineCounters, before: EngineCounters, overhead?: ReadCounters): ReadCounters {
  const d = (name: keyof EngineCounters) => after[name] - before[name];
  return {
    rows: d('SelectedRows') - (overhead?.rows ?? 0),
    bytes: d('SelectedBytes') - (overhead?.bytes ?? 0),
    compressedBytes: d('ReadCompressedBytes') - (overhead?.compressedBytes ?? 0),
    marks: d('SelectedMarks') - (overhead?.marks ?? 0),
    parts: d('SelectedParts') - (overhead?.parts ?? 0),
    selectQueries: d('SelectQuery') - (overhead?.selectQueries ?? 0),
  };
}

export async function runQueryBenchmark(options: QueryOptions, log: (line: string) => void): Promise<QueryResults> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yorozu-bench-query-'));
  const child = new QueryChild(dataDir, options, log);
  try {
    log(
      `query: starting Yorozu on a fresh embedded engine and loading ~${k(options.events)} simulated events of ${k(options.devices)} PCs (child process)…`,
    );
    const setup = await child.ready;
    log(
      `query: searched participant ${setup.target.name}: ${k(setup.target.devices)} PCs, ${k(setup.target.events)} events; busiest day ${setup.target.day.from} (${k(setup.target.day.events)} events)`,
    );
    log(
      `query: serial ${setup.target.serial.value} (${setup.target.serial.events} events; ${setup.target.serial.source}); user ${setup.target.user.value}; word "${setup.target.word.value}"; timeline of ${setup.target.timeline.hostname} (${setup.target.timeline.events} events)`,
    );

    const operator = await signIn(setup.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
    const purpose = await operator.call('PUT', '/api/v1/auth/session/purpose', {
      purpose: 'operation',
      note: 'npm run bench -- query',
    });
    if (purpose.status !== 200)
      throw new Error(`choosing the access purpose failed: ${purpose.status} ${JSON.stringify(purpose.body)}`);
    const get = (p: string) => timedGet(setup.url, operator.sessionToken, p);

    const list = calls(setup);
    const runsMs = list.map(() => [] as number[]);
    const answers: ({ value: number; text: string } | undefined)[] = list.map(() => undefined);
    const cpuBefore = { machine: machineBusySeconds(), bench: cpuSeconds(process.pid) + cpuSeconds(child.pid) };
    const timingStarted = performance.now();
    log(
      `query: ${list.length} calls, ${options.warmups} warm-up round(s) and ${options.runs} timed rounds, each call once per round…`,
    );
    for (let round = 0; round < options.warmups + options.runs; round += 1) {
      for (const [i, call] of list.entries()) {
        const { ms, body } = await get(call.path);
        answers[i] ??= call.answer(body);
        if (round >= options.warmups) runsMs[i]!.push(ms);
      }
    }
    const timingSeconds = (performance.now() - timingStarted) / 1000;
    const machineBusy = machineBusySeconds() - cpuBefore.machine;
    const benchBusy = cpuSeconds(process.pid) + cpuSeconds(child.pid) - cpuBefore.bench;
    const cpuDuringTiming = {
      cpus: cpus().length,
      seconds: timingSeconds,
      machineBusySeconds: machineBusy,
      benchSeconds: benchBusy,
      othersSeconds: Math.max(0, machineBusy - benchBusy),
    };
    log(
      `query: timed rounds took ${timingSeconds.toFixed(0)} s; CPU used meanwhile: this benchmark ${benchBusy.toFixed(0)} s, other processes ${cpuDuringTiming.othersSeconds.toFixed(0)} s (of ${(timingSeconds * cpuDuringTiming.cpus).toFixed(0)} s on ${cpuDuringTiming.cpus} CPUs)`,
    );
    if (cpuDuringTiming.othersSeconds > 0.25 * timingSeconds)
      log(
        'query: WARNING other processes used more than a quarter of a CPU during the timed rounds: the timings are slower than this machine can do',
      );

    // Rows and bytes read: the engine's cumulative counters around single calls, nothing else in flight.
    let counterOverhead: ReadCounters | undefined;
    const reads: (ReadCounters | undefined)[] = list.map(() => undefined);
    try {
      for (let i = 0; i < 3; i += 1) {
        const first = await child.counters();
        const own = difference(await child.counters(), first);
        if (!counterOverhead || own.rows < counterOverhead.rows) counterOverhead = own;
      }
      for (const [i, call] of list.entries()) {
        for (let run = 0; run < options.counterRuns; run += 1) {
          const before = await child.counters();
          await get(call.path);
          const read = difference(await child.counters(), before, counterOverhead);
          if (!reads[i] || read.rows < reads[i]!.rows) reads[i] = read;
        }
      }
    } catch (error) {
      log(`query: WARNING the engine's read counters could not be read: ${(error as Error).message}`);
      counterOverhead = undefined;
      reads.fill(undefined);
    }

    const measurements = list.map((call, i): QueryMeasurement => {
      const ms = runsMs[i]!;
      const answer = answers[i]!;
      return {
        name: call.name,
        kind: call.kind,
        path: call.path,
        goalMs: GOAL_MS[call.kind],
        runsMs: ms,
        p50Ms: percentile(ms, 50),
        p95Ms: percentile(ms, 95),
        maxMs: Math.max(...ms),
        answer: answer.text,
        answerValue: answer.value,
        expected: call.expected,
        read: reads[i],
      };
    });
    const [floor, ...timed] = measurements;
    for (const m of measurements) {
      log(
        `query: ${m.name}: p50 ${m.p50Ms.toFixed(1)} ms, p95 ${m.p95Ms.toFixed(1)} ms; ${m.answer}${m.read ? `; read ${k(m.read.rows)} rows, ${(m.read.bytes / 2 ** 20).toFixed(1)} MiB` : ''}`,
      );
      if (m.expected >= 0 && m.answerValue !== m.expected)
        log(`query: WARNING ${m.name} answered ${m.answerValue}, expected ${m.expected} from the generated data`);
    }

    let health: QueryResults['health'];
    try {
      health =
        options.healthRuns > 0
          ? await measureHealth(setup, operator, child, options.healthRuns, log)
          : { skipped: 'not run (--health-runs 0)' };
    } catch (error) {
      const cause = (error as Error).cause;
      log(
        `query: health: failed: ${(error as Error).stack ?? String(error)}${cause ? ` (cause: ${String(cause)})` : ''}`,
      );
      health = { error: (error as Error).message };
    }
    return {
      engine: setup.engine,
      setup,
      runs: options.runs,
      warmups: options.warmups,
      counterRuns: options.counterRuns,
      counterOverhead,
      timingSeconds,
      cpuDuringTiming,
      floor: floor!,
      measurements: timed,
      health,
    };
  } finally {
    await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface PolicyView {
  policy_id: string;
  slug: string;
  builtin: boolean;
  enabled: boolean;
  severity: string;
  title_ja: string;
  title_en: string;
  description_ja: string;
  description_en: string;
  remediation_ja: string;
  remediation_en: string;
  query: string;
}

/**
 * All health policies over all devices. Yorozu installed the 15 built-in policies at start; the
 * operator adds copies of them through the API (POST /api/v1/admin/policies, enabled, each validated
 * as any policy is) until 50 are enabled, the built-ins taken in turn. Then the health-evaluation job,
 * every participant and every enabled policy, is run through its API call once (the first run: the new policies'
 * history and every rule in full, timed and reported but not judged), then healthRuns times and timed
 * from the request to the answer. The verdicts each run wrote and the errors of any policy come from
 * policy_results and policy_evaluations, read in the child.
 */
async function measureHealth(
  setup: QuerySetup,
  operator: ApiClient,
  child: QueryChild,
  healthRuns: number,
  log: (line: string) => void,
): Promise<HealthMeasurement> {
  const createStarted = performance.now();
  const listed = await operator.call<{ policies: PolicyView[] }>('GET', '/api/v1/admin/policies');
  if (listed.status !== 200)
    throw new Error(
      `GET /api/v1/admin/policies answered ${listed.status}: ${JSON.stringify(listed.body).slice(0, 300)}`,
    );
  const builtins = listed.body.policies.filter((policy) => policy.builtin && policy.enabled);
  if (builtins.length === 0) throw new Error('no enabled built-in policy to copy');
  const copies = Math.max(0, HEALTH_POLICIES - listed.body.policies.filter((policy) => policy.enabled).length);
  for (let i = 0; i < copies; i += 1) {
    const source = builtins[i % builtins.length]!;
    const n = Math.floor(i / builtins.length) + 1;
    const created = await operator.call('POST', '/api/v1/admin/policies', {
      slug: `${source.slug}-copy-${n}`,
      severity: source.severity,
      title: { ja: `${source.title_ja}（複製 ${n}）`, en: `${source.title_en} (copy ${n})` },
      description: { ja: source.description_ja, en: source.description_en },
      remediation: { ja: source.remediation_ja, en: source.remediation_en },
      query: source.query,
      enabled: true,
    });
    if (created.status !== 201)
      throw new Error(
        `creating a copy of ${source.slug} answered ${created.status}: ${JSON.stringify(created.body).slice(0, 300)}`,
      );
  }
  const after = await operator.call<{ policies: PolicyView[] }>('GET', '/api/v1/admin/policies');
  const enabled = after.body.policies.filter((policy) => policy.enabled);
  const createSeconds = (performance.now() - createStarted) / 1000;
  log(
    `query: health: ${enabled.length} enabled policies (${enabled.filter((p) => p.builtin).length} built-in, ${copies} copies made through the API in ${createSeconds.toFixed(1)} s); ${healthRuns} timed runs of the health-evaluation job over ${setup.participants.length} participants, ${k(setup.devices)} devices…`,
  );

  const firstStarted = performance.now();
  const first = await postWithoutDeadline(
    new URL('/api/v1/admin/jobs/health-evaluation/run', setup.url),
    operator.sessionToken,
  );
  if (first.status !== 200)
    throw new Error(
      `POST /api/v1/admin/jobs/health-evaluation/run answered ${first.status}: ${first.text.slice(0, 300)}`,
    );
  const firstJob = (JSON.parse(first.text) as { run: { result?: Record<string, number>; error?: string } }).run;
  const firstRun = {
    seconds: (performance.now() - firstStarted) / 1000,
    result: firstJob.result,
    jobError: firstJob.error,
  };
  log(
    `query: health: first run (history of the new policies, every rule in full; not judged): ${firstRun.seconds.toFixed(2)} s; ${firstRun.jobError ? `the job failed: ${firstRun.jobError}` : JSON.stringify(firstRun.result)}`,
  );
  const before = new Set((await child.evaluations()).map((evaluation) => evaluation.evaluationId));
  const runsTimed: { seconds: number; result: Record<string, number> | undefined; jobError: string | undefined }[] = [];
  const cpuBefore = { machine: machineBusySeconds(), bench: cpuSeconds(process.pid) + cpuSeconds(child.pid) };
  const runsStarted = performance.now();
  for (let run = 0; run < healthRuns; run += 1) {
    const started = performance.now();
    const response = await postWithoutDeadline(
      new URL('/api/v1/admin/jobs/health-evaluation/run', setup.url),
      operator.sessionToken,
    );
    const { text } = response;
    const seconds = (performance.now() - started) / 1000;
    if (response.status !== 200)
      throw new Error(
        `POST /api/v1/admin/jobs/health-evaluation/run answered ${response.status}: ${text.slice(0, 300)}`,
      );
    const { run: jobRun } = JSON.parse(text) as { run: { result?: Record<string, number>; error?: string } };
    runsTimed.push({ seconds, result: jobRun.result, jobError: jobRun.error });
    log(
      `query: health: run ${run + 1}: ${seconds.toFixed(2)} s; ${jobRun.error ? `the job failed: ${jobRun.error}` : JSON.stringify(jobRun.result)}`,
    );
  }
  const wall = (performance.now() - runsStarted) / 1000;
  const machineBusy = machineBusySeconds() - cpuBefore.machine;
  const benchBusy = cpuSeconds(process.pid) + cpuSeconds(child.pid) - cpuBefore.bench;
  const cpuDuringRuns = {
    seconds: wall,
    machineBusySeconds: machineBusy,
    benchSeconds: benchBusy,
    othersSeconds: Math.max(0, machineBusy - benchBusy),
  };
  if (cpuDuringRuns.othersSeconds > 0.25 * wall)
    log(
      'query: health: WARNING other processes used more than a quarter of a CPU during the runs: the timings are slower than this machine can do',
    );

  // Each job run evaluates every participant as of one `now`: its evaluations share evaluated_for.
  const byRun = new Map<string, EvaluationRecord[]>();
  for (const evaluation of await child.evaluations()) {
    if (before.has(evaluation.evaluationId)) continue;
    byRun.set(evaluation.evaluatedFor, [...(byRun.get(evaluation.evaluatedFor) ?? []), evaluation]);
  }
  const grouped = [...byRun.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([, evaluations]) => evaluations);
  if (grouped.length !== healthRuns)
    log(`query: health: WARNING ${grouped.length} evaluation times found for ${healthRuns} runs`);
  const runs = runsTimed.map((timed, i): HealthRun => {
    const evaluations = grouped[i] ?? [];
    const sum = (pick: (e: EvaluationRecord) => number) => evaluations.reduce((total, e) => total + pick(e), 0);
    const verdicts = {
      pass: sum((e) => e.verdicts.pass),
      fail: sum((e) => e.verdicts.fail),
      unknown: sum((e) => e.verdicts.unknown),
    };
    const errors = evaluations.flatMap((e) =>
      e.errors.map(
        (error) =>
          `${setup.participants.find((p) => p.participantId === e.participantId)?.name ?? e.participantId}: ${error}`,
      ),
    );
    return {
      ...timed,
      evaluations: evaluations.length,
      verdicts: {
        ...verdicts,
        total: verdicts.pass + verdicts.fail + verdicts.unknown,
        expected: enabled.length * setup.devices,
      },
      errors,
    };
  });
  for (const [i, run] of runs.entries()) {
    log(
      `query: health: run ${i + 1}: ${k(run.verdicts.total)} verdicts (pass ${k(run.verdicts.pass)}, fail ${k(run.verdicts.fail)}, unknown ${k(run.verdicts.unknown)}) in ${run.evaluations} evaluations; ${run.errors.length} policy errors`,
    );
    for (const error of run.errors.slice(0, 5)) log(`query: health:   ${error.slice(0, 300)}`);
  }
  const seconds = runs.map((run) => run.seconds).sort((a, b) => a - b);
  return {
    goalSeconds: HEALTH_GOAL_SECONDS,
    policies: { enabled: enabled.length, builtin: enabled.filter((p) => p.builtin).length, copies, createSeconds },
    firstRun,
    devices: setup.devices,
    participants: setup.participants.length,
    runs,
    medianSeconds: seconds[Math.floor(seconds.length / 2)]!,
    maxSeconds: seconds[seconds.length - 1]!,
    cpuDuringRuns,
  };
}

function mib(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** How the data was merged before timing (a label, not a statement). */
const MERGE = 'OPTIMIZE TABLE events FINAL';
const jstDate = (iso: string) => new Date(Date.parse(iso) + 9 * 3_600_000).toISOString().slice(0, 10);

export function querySize(r: QueryResults): string {
  const { setup } = r;
  return (
    `${k(setup.events)} events${setup.copies > 1 ? ` (${k(setup.simulatedEvents)} simulated, copied ${setup.copies} times in the engine under other participants' ids; the searched participant's own events are not copied)` : ''} over 7 days (${jstDate(setup.week.from)} to ${jstDate(new Date(Date.parse(setup.week.to) - 1).toISOString())} JST), ${k(setup.devices)} PCs of ${setup.participants.length} participants ` +
    `(simulator seed ${setup.seed}, scale ${setup.scale.toFixed(4)}); searched: ${setup.target.name}, ${k(setup.target.devices)} PCs, ${k(setup.target.events)} events; ` +
    `inserted straight into events, with every PC's health results of the week and one inventory snapshot (${k(setup.stateRows.health_results)} health_results rows, ` +
    `${k(setup.stateRows.inventory_software + setup.stateRows.inventory_os_updates + setup.stateRows.inventory_hardware)} inventory rows), then ${MERGE}; ${r.runs} timed runs per call after ${r.warmups} warm-ups; ` +
    `an authenticated call that reads no events (the field list) takes p50 ${r.floor.p50Ms.toFixed(0)} ms, p95 ${r.floor.p95Ms.toFixed(0)} ms`
  );
}

export function queryRows(r: QueryResults): BenchRow[] {
  const size = `at ${k(r.setup.events)} events`;
  return [
    ...r.measurements.map((m): BenchRow => {
      const wrongAnswer = m.expected >= 0 && m.answerValue !== m.expected;
      const read = m.read ? `read ${k(m.read.rows)} rows, ${mib(m.read.bytes)}` : 'rows/bytes read: not available';
      return {
        name: m.name,
        figure: `p50 ${m.p50Ms.toFixed(0)} ms, p95 ${m.p95Ms.toFixed(0)} ms (${m.runsMs.length} runs) ${size}; ${read}; ${m.answer}${wrongAnswer ? ` (expected ${k(m.expected)})` : ''}`,
        ratio: `p95 = ${(m.p95Ms / m.goalMs).toFixed(2)} × goal`,
        goal: `${m.kind === 'floor' ? '—' : GOAL_TEXT[m.kind]} (goal at 1e8 events)`,
        verdict: m.p95Ms < m.goalMs && !wrongAnswer ? 'pass' : 'short',
      };
    }),
    healthRow(r, size),
    ...('error' in r.health || 'skipped' in r.health ? [] : evaluationCostRow(medianRun(r.health).result, size)),
  ];
}

const HEALTH_ROW = 'all policies + rules over all devices';

function medianRun(h: HealthMeasurement): HealthRun {
  return [...h.runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(h.runs.length / 2)]!;
}
const HEALTH_GOAL = `every run < ${HEALTH_GOAL_SECONDS} s (${HEALTH_POLICIES} policies + the rule pack × 10,000 devices)`;

function healthRow(r: QueryResults, size: string): BenchRow {
  const h = r.health;
  if ('skipped' in h) return { name: HEALTH_ROW, figure: h.skipped, ratio: '—', goal: HEALTH_GOAL, verdict: 'info' };
  if ('error' in h)
    return {
      name: HEALTH_ROW,
      figure: `failed: ${h.error.split('\n')[0]!.slice(0, 200)}`,
      ratio: '—',
      goal: HEALTH_GOAL,
      verdict: 'short',
    };
  const errors = h.runs.reduce((sum, run) => sum + run.errors.length, 0);
  const jobErrors = h.runs.filter((run) => run.jobError);
  const expected = h.policies.enabled * h.devices;
  const verdicts = h.runs.map((run) => run.verdicts.total);
  const allWritten = verdicts.every((n) => n === expected);
  const last = h.runs[h.runs.length - 1]!.verdicts;
  const share = (n: number) => `${((100 * n) / Math.max(1, last.total)).toFixed(0)} %`;
  const written = allWritten
    ? `${k(expected)} verdicts per run`
    : `${verdicts.map(k).join(' / ')} verdicts written (expected ${k(expected)} per run)`;
  const problems = [
    errors === 0
      ? 'no policy errors'
      : `${errors} policy error(s), e.g. ${h.runs.flatMap((run) => run.errors)[0]!.slice(0, 160)}`,
    ...jobErrors.map((run) => `the job failed: ${run.jobError!.slice(0, 160)}`),
  ];
  // The job's error count is policies' and rules' together; the policies' are listed above.
  const ruleErrors = Math.max(...h.runs.map((run) => (run.result?.errors ?? 0) - run.errors.length));
  if (ruleErrors > 0) problems.push(`${ruleErrors} rule error(s) per run`);
  const rules = medianRun(h).result?.rules ?? 0;
  const tooFew = h.policies.enabled < HEALTH_POLICIES || h.devices < 10_000;
  return {
    name: HEALTH_ROW,
    figure:
      `median ${h.medianSeconds.toFixed(1)} s, max ${h.maxSeconds.toFixed(1)} s (${h.runs.length} runs) ${size}; ${h.policies.enabled} policies + ${rules} rules × ${k(h.devices)} devices of ${h.participants} participants, over one snapshot per participant: ${written} ` +
      `(pass ${share(last.pass)}, fail ${share(last.fail)}, unknown ${share(last.unknown)}); ${problems.join('; ')}; ` +
      `before them, the first run (the new policies' history of past instants, every rule in full; not judged) ${h.firstRun.seconds.toFixed(1)} s${h.firstRun.jobError ? ` and failed: ${h.firstRun.jobError.slice(0, 120)}` : ''}`,
    ratio: `max = ${(h.maxSeconds / h.goalSeconds).toFixed(2)} × goal`,
    goal: HEALTH_GOAL,
    verdict:
      h.maxSeconds < h.goalSeconds && errors === 0 && ruleErrors <= 0 && jobErrors.length === 0 && allWritten && !tooFew
        ? 'pass'
        : 'short',
  };
}
