import type { HealthResult, InventorySnapshot, LogEvent } from '../../agent-protocol/index.js';
import { daySchedule, poweredIntervals, type DaySchedule } from './daily-schedule.js';
import { deviceDayEvents } from './device-day-events.js';
import { healthResultsForDay } from './health-checks.js';
import {
  BLOCK_DAYS,
  planIncidentBlock,
  requirementsOf,
  type PlannedIncident,
  type PlantedIncident,
} from './incident-plan.js';
import { inventorySnapshot } from './inventory-snapshot.js';
import { DAY_MS, calendarDay, jstDayStart, type CalendarDay } from './japan-calendar.js';
import {
  planDevices,
  planParticipant,
  type ParticipantSpec,
  type SimulatedDevice,
  type SimulatedParticipant,
} from './office-roster.js';
import type { Seed } from './seeded-random.js';

/**
 * planOffice: the deterministic description of a simulation (participants, PCs, people, incidents)
 * and the generators of each PC's events and health results per JST day. Nothing here reads the clock
 * or Math.random: the same options give the same events, byte for byte.
 */
export interface OfficePlanOptions {
  seed: Seed;
  participants: readonly ParticipantSpec[];
  /** PCs per participant unless the participant says otherwise; default 5. */
  devicesPerParticipant?: number;
  /** Any instant of the first day; day 0 is the JST day holding it. */
  start: Date | number | string;
  days: number;
  /** Multiplies ordinary activity (1 ≈ 300 events per PC in a busy office hour); incidents are not scaled. */
  scale?: number;
}

export interface OfficePlan {
  seed: string;
  /** JST midnight starting day 0, epoch milliseconds. */
  startMs: number;
  days: number;
  scale: number;
  participants: SimulatedParticipant[];
  devices: SimulatedDevice[];
  /** Every incident planted in days [0, days), in time order. */
  readonly incidents: PlantedIncident[];
  day(dayIndex: number): CalendarDay;
  scheduleFor(device: SimulatedDevice, dayIndex: number): DaySchedule;
  eventsFor(device: SimulatedDevice, dayIndex: number): LogEvent[];
  healthFor(device: SimulatedDevice, dayIndex: number): HealthResult[];
  inventoryFor(device: SimulatedDevice, atMs: number): InventorySnapshot;
  /** Incidents whose window overlaps [fromMs, toMs). */
  incidentsBetween(fromMs: number, toMs: number): PlantedIncident[];
}

function startInstant(start: OfficePlanOptions['start']): number {
  const ms = start instanceof Date ? start.getTime() : typeof start === 'number' ? start : Date.parse(start);
  if (!Number.isFinite(ms)) throw new Error(`planOffice: start is not a valid time: ${String(start)}`);
  return ms;
}

export function planOffice(options: OfficePlanOptions): OfficePlan {
  const seed = String(options.seed);
  const startMs = jstDayStart(startInstant(options.start));
  const days = Math.floor(options.days);
  const scale = options.scale ?? 1;
  if (!(days >= 1)) throw new Error('planOffice: days must be at least 1');
  if (!(scale > 0 && scale <= 50)) throw new Error('planOffice: scale must be above 0 and at most 50');
  if (options.participants.length === 0) throw new Error('planOffice: at least one participant is needed');

  const usedCodes = new Set<string>();
  const participants = options.participants.map((spec, index) => planParticipant(seed, spec, index, usedCodes));
  const devicesByParticipant = participants.map((participant, index) =>
    planDevices(
      seed,
      participant,
      options.participants[index]!.devices ?? options.devicesPerParticipant ?? 5,
      startMs,
      days,
    ),
  );
  const devices = devicesByParticipant.flat();
  const incidentInput = {
    seed,
    startMs,
    days,
    participants,
    devicesOf: (index: number) => devicesByParticipant[index] ?? [],
  };

  const blocks = new Map<number, PlannedIncident[]>();
  const block = (index: number): PlannedIncident[] => {
    let planned = blocks.get(index);
    if (!planned) {
      planned = planIncidentBlock(incidentInput, index);
      blocks.set(index, planned);
    }
    return planned;
  };
  const incidentsOn = (device: SimulatedDevice, dayIndex: number) =>
    block(Math.floor(dayIndex / BLOCK_DAYS)).filter(
      (p) => p.incident.deviceKey === device.key && p.incident.dayIndex === dayIndex,
    );

  const day = (dayIndex: number) => calendarDay(startMs, dayIndex);
  const scheduleFor = (device: SimulatedDevice, dayIndex: number) =>
    daySchedule(seed, device, day(dayIndex), requirementsOf(incidentsOn(device, dayIndex).map((p) => p.incident.kind)));

  const byTime = (a: PlantedIncident, b: PlantedIncident) => a.fromMs - b.fromMs || a.id.localeCompare(b.id);
  return {
    seed,
    startMs,
    days,
    scale,
    participants,
    devices,
    get incidents() {
      const count = Math.ceil(days / BLOCK_DAYS);
      return Array.from({ length: count }, (_, i) => block(i).map((p) => p.incident))
        .flat()
        .sort(byTime);
    },
    day,
    scheduleFor,
    eventsFor(device, dayIndex) {
      const planned = incidentsOn(device, dayIndex);
      return deviceDayEvents({
        seed,
        scale,
        device,
        day: day(dayIndex),
        schedule: scheduleFor(device, dayIndex),
        incidentEvents: planned.flatMap((p) => p.outcome.events),
        hadNightSession: planned.some((p) => p.outcome.extraPoweredInterval),
      });
    },
    healthFor(device, dayIndex) {
      const planned = incidentsOn(device, dayIndex);
      const powered = [
        ...planned.flatMap((p) => (p.outcome.extraPoweredInterval ? [p.outcome.extraPoweredInterval] : [])),
        ...poweredIntervals(scheduleFor(device, dayIndex)),
      ];
      const antivirusOffFrom = planned.find((p) => p.outcome.antivirusOffFrom !== undefined)?.outcome.antivirusOffFrom;
      return healthResultsForDay({
        seed,
        device,
        day: day(dayIndex),
        powered,
        ...(antivirusOffFrom !== undefined ? { antivirusOffFrom } : {}),
        wasPowered: (index) => scheduleFor(device, index).present,
      });
    },
    inventoryFor: (device, atMs) => inventorySnapshot(seed, device, atMs),
    incidentsBetween(fromMs, toMs) {
      const firstBlock = Math.max(0, Math.floor((jstDayStart(fromMs) - startMs) / DAY_MS / BLOCK_DAYS));
      const lastBlock = Math.floor((toMs - startMs) / DAY_MS / BLOCK_DAYS);
      const found: PlantedIncident[] = [];
      for (let i = firstBlock; i <= lastBlock; i += 1) {
        for (const planned of block(i))
          if (planned.incident.fromMs < toMs && planned.incident.toMs >= fromMs) found.push(planned.incident);
      }
      return found.sort(byTime);
    },
  };
}

export type { PlantedIncident, SimulatedDevice, SimulatedParticipant, ParticipantSpec };
