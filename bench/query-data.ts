import type { LogEvent } from '../agent-protocol/index.js';
import { jstDayStart, planOffice, type OfficePlan, type SimulatedDevice } from '../agent/simulator/index.js';
import { deviceIdFor } from '../ingest/credentials.js';
import { toClickHouseTime, toClickHouseTimeFast } from '../common/clickhouse-time.js';
import { eventRow, healthRows, inventoryRows, type Row } from '../ingest/event-rows.js';

/**
 * The data of the `query` part: the simulator's plan (agent/simulator) for 7 JST days ending with
 * yesterday, 10,000 PCs of ten participants of unequal size, its scale chosen so the plan makes about
 * the number of events asked for. Events become rows exactly as the gateway maps them (eventRow), and
 * what the timed queries look for (a USB serial, a user, a word, one device's busiest day) is taken
 * from what was generated, so every search has hits.
 */
export const DAY_MS = 86_400_000;
export const QUERY_DAYS = 7;

/** Ten participants; the first, the largest, is the one whose events are searched. */
export const QUERY_PARTICIPANTS: readonly { name: string; share: number }[] = [
  { name: '株式会社さくら商事', share: 0.3 },
  { name: 'みなと精機株式会社', share: 0.2 },
  { name: '有限会社ひかり会計事務所', share: 0.15 },
  { name: '株式会社あおば建設', share: 0.1 },
  { name: 'ことぶき食品株式会社', share: 0.08 },
  { name: '株式会社つばさ物流', share: 0.06 },
  { name: '医療法人やまびこ会', share: 0.05 },
  { name: '株式会社かえでデザイン', share: 0.03 },
  { name: '税理士法人いずみ', share: 0.02 },
  { name: '合同会社しずく不動産', share: 0.01 },
];

/** What the child process (query-process.ts) hands the bench once the data is in place. */
export interface QuerySetup {
  url: string;
  engine: string;
  seed: string;
  scale: number;
  /** Events in the table: the simulated ones times `copies`. */
  events: number;
  simulatedEvents: number;
  copies: number;
  devices: number;
  participants: { participantId: string; name: string; devices: number; events: number }[];
  /** The 7 days, JST midnight to JST midnight, ISO 8601 UTC. */
  week: { from: string; to: string };
  target: {
    participantId: string;
    name: string;
    devices: number;
    events: number;
    /** The participant's busiest JST day (its events). */
    day: { from: string; to: string; events: number };
    serial: { value: string; events: number; source: string };
    user: { value: string; eventsThatDay: number };
    word: { value: string; source: string };
    timeline: { deviceId: string; hostname: string; events: number };
  };
  timings: {
    planSeconds: number;
    generateAndInsertSeconds: number;
    insertSeconds: number;
    workers: number;
    copySeconds: number;
    optimizeSeconds: number;
    totalSeconds: number;
  };
  storage: { rowsAfterMerge: number; activeParts: number; bytesOnDisk: number; deviceHourlyRows: number };
  /** Rows of the health policies' inputs inserted with the events (every PC's health results of the week and one inventory snapshot). */
  stateRows: Record<StateTable, number>;
}

/** The tables generation fills: the events, and what the health policies read besides them. */
export const DATA_TABLES = [
  'events',
  'health_results',
  'inventory_hardware',
  'inventory_software',
  'inventory_os_updates',
] as const;
export type DataTable = (typeof DATA_TABLES)[number];
export type StateTable = Exclude<DataTable, 'events'>;

/** One evaluation of one participant, as policy_evaluations and policy_results hold it (query-process.ts reads them for the bench). */
export interface EvaluationRecord {
  participantId: string;
  evaluationId: string;
  evaluatedFor: string;
  startedAt: string;
  finishedAt: string;
  policies: number;
  devices: number;
  failures: number;
  errors: string[];
  /** Verdicts written to policy_results by this evaluation, by status. */
  verdicts: { pass: number; fail: number; unknown: number };
}

/** Messages between query-bench.ts (parent) and query-process.ts (child) over the IPC channel. */
export type ChildMessage =
  | { type: 'progress'; line: string }
  | { type: 'ready'; setup: QuerySetup }
  | { type: 'counters'; id: number; values: EngineCounters }
  | { type: 'evaluations'; id: number; values: EvaluationRecord[]; error?: string }
  | { type: 'stopped' }
  | { type: 'failed'; error: string };
export type ParentMessage = { type: 'counters'; id: number } | { type: 'evaluations'; id: number } | { type: 'stop' };

/** A generation worker's part of the PCs (query-worker.ts): every `workers`-th PC from `worker`. */
export interface WorkerInput {
  seed: string;
  devices: number;
  startMs: number;
  scale: number;
  participantIds: string[];
  worker: number;
  workers: number;
  chunkRows: number;
}
export type WorkerMessage =
  | { type: 'chunk'; table: DataTable; body: string; rows: number; pcs: number }
  | { type: 'done'; observed: ObservedTarget; perParticipant: number[] };
/** The parent's answer to a chunk once it is inserted: the worker may have at most two outstanding. */
export type WorkerCredit = { type: 'inserted' };

/** The engine's cumulative read counters (system.events), process-wide. */
export type EngineCounters = Record<
  'SelectedRows' | 'SelectedBytes' | 'ReadCompressedBytes' | 'SelectedMarks' | 'SelectedParts' | 'SelectQuery',
  number
>;
export const COUNTER_NAMES: readonly (keyof EngineCounters)[] = [
  'SelectedRows',
  'SelectedBytes',
  'ReadCompressedBytes',
  'SelectedMarks',
  'SelectedParts',
  'SelectQuery',
];

export function participantSpecs(devices: number): { name: string; devices: number }[] {
  const specs = QUERY_PARTICIPANTS.map(({ name, share }) => ({
    name,
    devices: Math.max(1, Math.round(share * devices)),
  }));
  const extra = devices - specs.reduce((sum, spec) => sum + spec.devices, 0);
  specs[0]!.devices += extra;
  return specs;
}

/** The JST midnight 7 days before today's, as the simulator's backfill does by default. */
export function weekStart(nowMs: number): number {
  return jstDayStart(nowMs) - QUERY_DAYS * DAY_MS;
}

export function plan(seed: string, devices: number, startMs: number, scale: number): OfficePlan {
  return planOffice({ seed, participants: participantSpecs(devices), start: startMs, days: QUERY_DAYS, scale });
}

/**
 * The scale at which the plan makes about `events` events: ordinary activity scales linearly and the
 * structure of the day (boot, logon, peripherals, incidents) does not, so two sample runs over every
 * n-th PC give both parts.
 */
export function scaleFor(
  seed: string,
  devices: number,
  startMs: number,
  events: number,
  log: (line: string) => void,
): number {
  const step = Math.max(1, Math.floor(devices / 150));
  const sampled = (scale: number) => {
    const sample = plan(seed, devices, startMs, scale);
    let count = 0;
    for (let i = 0; i < sample.devices.length; i += step)
      for (let day = 0; day < QUERY_DAYS; day += 1) count += sample.eventsFor(sample.devices[i]!, day).length;
    return (count * sample.devices.length) / Math.ceil(sample.devices.length / step);
  };
  const [low, high] = [0.01, 0.2];
  const atLow = sampled(low);
  const atHigh = sampled(high);
  const perScale = (atHigh - atLow) / (high - low);
  const fixed = atLow - low * perScale;
  const scale = (events - fixed) / perScale;
  log(
    `query: the plan makes about ${Math.round(fixed).toLocaleString('en-US')} structural events + ${Math.round(perScale).toLocaleString('en-US')} × scale; scale ${scale.toFixed(4)} for ${events.toLocaleString('en-US')} events`,
  );
  if (scale < 0.001) {
    log(
      `query: WARNING ${devices.toLocaleString('en-US')} PCs make more than ${events.toLocaleString('en-US')} events at any scale; using scale 0.001`,
    );
    return 0.001;
  }
  return Math.min(50, scale);
}

/**
 * What generation notes about the searched participant while it makes the rows, by the JST day of each
 * event's own time (so the counts are what a query over that day's range must find).
 */
export interface ObservedTarget {
  events: number;
  dayEvents: number[];
  deviceDays: [string, number[]][];
  userDays: [string, number[]][];
  serials: [string, number][];
}

export class TargetObserver {
  readonly dayEvents = new Array<number>(QUERY_DAYS).fill(0);
  /** Events per device (SimulatedDevice.key) and day, for the searched participant's devices. */
  readonly deviceDays = new Map<string, number[]>();
  /** Events per user name (the `user` field, as user:<name> matches it) and day. */
  readonly userDays = new Map<string, number[]>();
  readonly serials = new Map<string, number>();
  events = 0;

  constructor(private readonly startMs: number) {}

  observe(device: SimulatedDevice, timeMs: number, event: LogEvent): void {
    const day = Math.floor((timeMs - this.startMs) / DAY_MS);
    if (day < 0 || day >= QUERY_DAYS)
      throw new Error(`query: an event at ${new Date(timeMs).toISOString()} is outside the week`);
    this.events += 1;
    this.dayEvents[day]! += 1;
    countDay(this.deviceDays, device.key, day, 1);
    const user = (event as { user?: string }).user;
    if (user) countDay(this.userDays, user, day, 1);
    const serial = (event as { serial?: string }).serial;
    if (serial) this.serials.set(serial, (this.serials.get(serial) ?? 0) + 1);
  }

  /** What a worker observed, to send to the process that picks the targets. */
  toJSON(): ObservedTarget {
    return {
      events: this.events,
      dayEvents: this.dayEvents,
      deviceDays: [...this.deviceDays],
      userDays: [...this.userDays],
      serials: [...this.serials],
    };
  }

  merge(other: ObservedTarget): void {
    this.events += other.events;
    other.dayEvents.forEach((n, day) => (this.dayEvents[day]! += n));
    for (const [key, perDay] of other.deviceDays) perDay.forEach((n, day) => countDay(this.deviceDays, key, day, n));
    for (const [user, perDay] of other.userDays) perDay.forEach((n, day) => countDay(this.userDays, user, day, n));
    for (const [serial, n] of other.serials) this.serials.set(serial, (this.serials.get(serial) ?? 0) + n);
  }
}

function countDay(map: Map<string, number[]>, key: string, day: number, n: number): void {
  let perDay = map.get(key);
  if (!perDay) {
    perDay = new Array<number>(QUERY_DAYS).fill(0);
    map.set(key, perDay);
  }
  perDay[day]! += n;
}

export interface GeneratedDevice {
  device: SimulatedDevice;
  participantId: string;
  deviceId: string;
}

/** The PCs of the plan with the ids the server would give them (deviceIdFor, as enrollment does). */
export function enrolledDevices(office: OfficePlan, participantIds: readonly string[]): GeneratedDevice[] {
  return office.devices.map((device) => {
    const participantId = participantIds[device.participantIndex]!;
    return { device, participantId, deviceId: deviceIdFor(participantId, device.instanceId) };
  });
}

/** `devices` rows as enrollment writes them (ingest/device-store.ts), enrolled a month before the week. */
export function deviceRows(devices: readonly GeneratedDevice[], startMs: number): Row[] {
  const enrolledAt = toClickHouseTime(startMs - 30 * DAY_MS);
  return devices.map(({ device, participantId, deviceId }) => ({
    device_id: deviceId,
    participant_id: participantId,
    instance_id: device.instanceId,
    hostname: device.hostname,
    os_name: device.windows.name,
    os_version: device.windows.version,
    agent_version: '0.1.0',
    credential_hash: '0'.repeat(64),
    status: 'active',
    status_reason: '',
    enrolled_at: enrolledAt,
    changed_at: `${enrolledAt}000`,
    changed_by: 'enrollment',
  }));
}

/**
 * One PC's week as `events` rows in JSONEachRow (one JSON object a line), received 1–2 s after their
 * time, as a connected agent's would be.
 */
export function weekLines(
  office: OfficePlan,
  generated: GeneratedDevice,
  observer: TargetObserver | undefined,
): { lines: string[]; rows: number } {
  const identity = { participantId: generated.participantId, deviceId: generated.deviceId };
  const lines: string[] = [];
  for (let day = 0; day < QUERY_DAYS; day += 1) {
    for (const event of office.eventsFor(generated.device, day)) {
      const timeMs = Date.parse(event.time);
      observer?.observe(generated.device, timeMs, event);
      lines.push(
        `${JSON.stringify(eventRow(identity, event, timeMs, toClickHouseTimeFast(timeMs + 1000 + (event.seq % 1000))))}\n`,
      );
    }
  }
  return { lines, rows: lines.length };
}

/**
 * What the health policies read besides the events, for one PC, as the simulator's backfill sends it
 * (run-simulator.ts) and the gateway maps it (healthRows, inventoryRows): the agent's health checks of
 * every day of the week (at power-on and hourly while the PC is on) and one inventory snapshot taken
 * 3 minutes after the first day's power-on (09:00 JST when the PC stayed off), received 1 s later.
 */
export function stateLines(office: OfficePlan, generated: GeneratedDevice): Record<StateTable, string[]> {
  const identity = { participantId: generated.participantId, deviceId: generated.deviceId };
  const json = (row: Row) => `${JSON.stringify(row)}\n`;
  const health: string[] = [];
  for (let day = 0; day < QUERY_DAYS; day += 1) {
    const results = office.healthFor(generated.device, day);
    if (results.length === 0) continue;
    // Received with the day's last check, as a batch sent at the end of the session would be.
    const receivedAt = toClickHouseTimeFast(Date.parse(results[results.length - 1]!.time) + 1000);
    for (const row of healthRows(identity, results, receivedAt)) health.push(json(row));
  }
  const first = office.scheduleFor(generated.device, 0);
  const collectedMs = Math.round(first.present ? first.powerOnAt + 180_000 : office.startMs + 9 * 3_600_000);
  const inventory = inventoryRows(
    identity,
    office.inventoryFor(generated.device, collectedMs),
    toClickHouseTimeFast(collectedMs + 1000),
  );
  return {
    health_results: health,
    inventory_hardware: inventory.hardware.map(json),
    inventory_software: inventory.software.map(json),
    inventory_os_updates: inventory.osUpdates.map(json),
  };
}

/** The searched participant's busiest day, a USB serial, a user, a word and a device to look for. */
export function pickTargets(
  office: OfficePlan,
  observer: TargetObserver,
  participantId: string,
): Omit<QuerySetup['target'], 'participantId' | 'name' | 'devices' | 'events'> {
  const day = observer.dayEvents.indexOf(Math.max(...observer.dayEvents));
  const dayFrom = office.startMs + day * DAY_MS;
  const byKey = new Map(office.devices.map((device) => [device.key, device]));
  let busiest: { device: SimulatedDevice; events: number } | undefined;
  for (const [key, perDay] of [...observer.deviceDays].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (!busiest || perDay[day]! > busiest.events) busiest = { device: byKey.get(key)!, events: perDay[day]! };
  }
  if (!busiest || busiest.events === 0)
    throw new Error('query: the searched participant has no events on its busiest day');

  const incidents = office.incidents.filter((incident) => incident.participantIndex === 0);
  const usb = incidents.find(
    (incident) => incident.indicators.usbSerial && observer.serials.has(incident.indicators.usbSerial),
  );
  const rarest = [...observer.serials].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0];
  const serial = usb?.indicators.usbSerial
    ? {
        value: usb.indicators.usbSerial,
        events: observer.serials.get(usb.indicators.usbSerial)!,
        source: `the USB drive of the planted ${usb.kind} incident on ${usb.hostname}`,
      }
    : rarest
      ? { value: rarest[0], events: rarest[1], source: 'the USB serial seen in the fewest events' }
      : undefined;
  if (!serial) throw new Error("query: no USB serial in the searched participant's events");

  const badDomain = incidents.find((incident) => incident.kind === 'known_bad_domain' && incident.indicators.domain);
  const word = badDomain
    ? {
        value: badDomain.indicators.domain!.split('.')[0]!,
        source: `the first label of the known-bad domain ${badDomain.indicators.domain} (planted incident on ${badDomain.hostname})`,
      }
    : { value: '持出', source: 'the folder of the night USB copy incident' };

  return {
    day: {
      from: new Date(dayFrom).toISOString(),
      to: new Date(dayFrom + DAY_MS).toISOString(),
      events: observer.dayEvents[day]!,
    },
    serial,
    user: { value: busiest.device.user, eventsThatDay: observer.userDays.get(busiest.device.user)?.[day] ?? 0 },
    word,
    timeline: {
      deviceId: deviceIdFor(participantId, busiest.device.instanceId),
      hostname: busiest.device.hostname,
      events: busiest.events,
    },
  };
}
