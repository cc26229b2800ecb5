import { daySchedule, type ScheduleRequirements } from './daily-schedule.js';
import {
  PRINT_BURST_STAY_UNTIL_HOUR,
  antivirusDisabled,
  knownBadDomain,
  nightPrintBurst,
  nightUsbCopy,
  type IncidentIndicators,
  type IncidentKind,
  type ScenarioInput,
  type ScenarioOutcome,
} from './incident-scenarios.js';
import { calendarDay } from './japan-calendar.js';
import type { SimulatedDevice, SimulatedParticipant } from './office-roster.js';
import { randomFor, type Seed } from './seeded-random.js';

/**
 * Which incidents happen where and when. The plan works in blocks of seven days from the start: in each
 * block every participant gets one night USB copy, one known-bad-domain visit and one disabled
 * antivirus, and one time in two a night print burst, each on a different PC where there are enough.
 * A shorter last block still gets its incidents, squeezed into the days it has.
 */
export const BLOCK_DAYS = 7;

/** One incident as tests, demos and operators see it. */
export interface PlantedIncident {
  id: string;
  kind: IncidentKind;
  participant: string;
  participantIndex: number;
  deviceKey: string;
  hostname: string;
  user: string;
  /** The device id the server gave the PC; set by runSimulator after enrollment. */
  deviceId?: string;
  dayIndex: number;
  /** The window holding every event of the incident, RFC 3339 UTC, and the same as epoch milliseconds. */
  from: string;
  to: string;
  fromMs: number;
  toMs: number;
  indicators: IncidentIndicators;
  description: { ja: string; en: string };
}

/** An incident with what generation needs: its events and its effect on the day. */
export interface PlannedIncident {
  incident: PlantedIncident;
  outcome: ScenarioOutcome;
}

interface Choice {
  kind: IncidentKind;
  device: SimulatedDevice;
  dayIndex: number;
}

export interface IncidentPlanInput {
  seed: Seed;
  startMs: number;
  days: number;
  participants: readonly SimulatedParticipant[];
  devicesOf(participantIndex: number): readonly SimulatedDevice[];
}

const SCENARIOS: Record<IncidentKind, (input: ScenarioInput) => ScenarioOutcome> = {
  night_usb_copy: nightUsbCopy,
  known_bad_domain: knownBadDomain,
  antivirus_disabled: antivirusDisabled,
  night_print_burst: nightPrintBurst,
};

export function requirementsOf(kinds: readonly IncidentKind[]): ScheduleRequirements {
  const requirements: ScheduleRequirements = {};
  if (kinds.includes('known_bad_domain') || kinds.includes('antivirus_disabled')) requirements.forcePresence = true;
  if (kinds.includes('night_print_burst')) requirements.stayUntilHour = PRINT_BURST_STAY_UNTIL_HOUR;
  return requirements;
}

function chooseIncidents(input: IncidentPlanInput, block: number): Choice[] {
  const firstDay = block * BLOCK_DAYS;
  const blockDays = Array.from({ length: Math.min(BLOCK_DAYS, input.days - firstDay) }, (_, i) => firstDay + i);
  const workdays = blockDays.filter((index) => calendarDay(input.startMs, index).kind === 'workday');
  const candidateDays = workdays.length > 0 ? workdays : blockDays;
  const choices: Choice[] = [];
  for (const participant of input.participants) {
    const devices = input.devicesOf(participant.index);
    if (devices.length === 0 || candidateDays.length === 0) continue;
    const rng = randomFor(input.seed, 'incidents', participant.index, block);
    const kinds: IncidentKind[] = ['night_usb_copy', 'known_bad_domain', 'antivirus_disabled'];
    if (rng.chance(0.5)) kinds.push('night_print_burst');
    const shuffled = rng.shuffle(devices);
    kinds.forEach((kind, i) =>
      choices.push({ kind, device: shuffled[i % shuffled.length]!, dayIndex: rng.pick(candidateDays) }),
    );
  }
  return choices;
}

/** Every incident of one seven-day block, with its events. */
export function planIncidentBlock(input: IncidentPlanInput, block: number): PlannedIncident[] {
  if (block < 0 || block * BLOCK_DAYS >= input.days) return [];
  const choices = chooseIncidents(input, block);
  const kindsOn = (deviceKey: string, dayIndex: number) =>
    choices.filter((c) => c.device.key === deviceKey && c.dayIndex === dayIndex).map((c) => c.kind);
  return choices.map(({ kind, device, dayIndex }) => {
    const day = calendarDay(input.startMs, dayIndex);
    const schedule = daySchedule(input.seed, device, day, requirementsOf(kindsOn(device.key, dayIndex)));
    const id = `${kind}-p${device.participantIndex}-w${block}`;
    const outcome = SCENARIOS[kind]({ rng: randomFor(input.seed, 'incident', id), device, day, schedule });
    const incident: PlantedIncident = {
      id,
      kind,
      participant: device.participantName,
      participantIndex: device.participantIndex,
      deviceKey: device.key,
      hostname: device.hostname,
      user: device.user,
      dayIndex,
      from: new Date(Math.floor(outcome.fromMs)).toISOString(),
      to: new Date(Math.ceil(outcome.toMs)).toISOString(),
      fromMs: Math.floor(outcome.fromMs),
      toMs: Math.ceil(outcome.toMs),
      indicators: outcome.indicators,
      description: outcome.description,
    };
    return { incident, outcome };
  });
}

export type { IncidentKind, IncidentIndicators };
