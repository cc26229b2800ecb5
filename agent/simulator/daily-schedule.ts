import { HOUR_MS, MINUTE_MS, jstHourOfDay, type CalendarDay } from './japan-calendar.js';
import type { SimulatedDevice } from './office-roster.js';
import { randomFor, type Seed } from './seeded-random.js';

/**
 * One person's day at the PC: arrives around 8:30-9:00 and boots (or wakes) the PC, locks it for
 * lunch 12:00-13:00 and for meetings, goes home around 18:00-18:30, now and then stays late. Weekends,
 * national holidays and company breaks are almost always empty. Activity is a list of spans with a
 * relative rate (morning ramp, post-lunch slump, evening tail) that the event generator fills.
 */
export interface Interval {
  from: number;
  to: number;
}

export interface ActivitySpan extends Interval {
  /** Relative events-per-hour rate; 1 = a busy office hour. */
  rate: number;
}

/** What a planted incident needs from the day (the person must be in, or must stay late). */
export interface ScheduleRequirements {
  forcePresence?: boolean;
  stayUntilHour?: number;
}

export interface DaySchedule {
  present: boolean;
  powerOnAt: number;
  logonAt: number;
  leaveAt: number;
  powerOffAt: number;
  resumesFromSleep: boolean;
  sleepsAtEnd: boolean;
  failedLogonFirst: boolean;
  lunch?: Interval;
  meetings: (Interval & { online: boolean })[];
  activity: ActivitySpan[];
}

/** Relative activity by JST hour of a working day. */
const HOUR_SHAPE = [
  0, 0, 0, 0, 0, 0, 0.5, 0.6, 0.8, 1.0, 1.1, 1.05, 0.9, 0.85, 1.0, 1.05, 1.0, 0.9, 0.75, 0.6, 0.55, 0.5, 0.45, 0.4,
];
const LUNCH_RATE = 0.15;
const ONLINE_MEETING_RATE = 0.25;

const ABSENT: DaySchedule = {
  present: false,
  powerOnAt: 0,
  logonAt: 0,
  leaveAt: 0,
  powerOffAt: 0,
  resumesFromSleep: false,
  sleepsAtEnd: false,
  failedLogonFirst: false,
  meetings: [],
  activity: [],
};

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

export function daySchedule(
  seed: Seed,
  device: SimulatedDevice,
  day: CalendarDay,
  requirements: ScheduleRequirements = {},
): DaySchedule {
  const rng = randomFor(seed, 'schedule', device.key, day.dayNumber);
  const { habits } = device;
  const workday = day.kind === 'workday';
  // 有給休暇, 出張 and 外出 on workdays; 休日出勤 is rare.
  const present =
    requirements.forcePresence || requirements.stayUntilHour !== undefined || rng.chance(workday ? 0.94 : 0.025);
  if (!present) return ABSENT;
  const at = (hour: number) => day.startMs + hour * HOUR_MS;

  let arriveHour: number;
  let leaveHour: number;
  if (workday) {
    arriveHour = clamp(rng.gaussian(habits.arrivalHour, 0.2), 7.6, 10.5);
    const lateChance = day.weekday === 5 ? habits.lateNightChance / 2 : habits.lateNightChance;
    leaveHour = rng.chance(lateChance)
      ? rng.between(20.3, 23.3)
      : clamp(rng.gaussian(habits.leaveHour, 0.35), 17.1, 20.2);
  } else {
    arriveHour = rng.between(9.5, 11);
    leaveHour = arriveHour + rng.between(2, 5);
  }
  if (requirements.stayUntilHour !== undefined)
    leaveHour = Math.max(leaveHour, requirements.stayUntilHour + rng.between(0, 0.3));

  const logonAt = at(arriveHour);
  const leaveAt = at(leaveHour);
  const schedule: DaySchedule = {
    present: true,
    powerOnAt: logonAt - rng.between(1.5, 5) * MINUTE_MS,
    logonAt,
    leaveAt,
    powerOffAt: leaveAt + rng.between(0.5, 2.5) * MINUTE_MS,
    resumesFromSleep: rng.chance(habits.sleepInsteadOfShutdown),
    sleepsAtEnd: rng.chance(habits.sleepInsteadOfShutdown),
    failedLogonFirst: rng.chance(0.06),
    meetings: [],
    activity: [],
  };
  if (workday && arriveHour < 11.5 && leaveHour > 13.5) {
    const lunchFrom = at(12) + rng.gaussian(0, 6) * MINUTE_MS;
    schedule.lunch = { from: lunchFrom, to: lunchFrom + rng.between(45, 62) * MINUTE_MS };
  }
  if (workday) {
    const meetingCount = rng.weighted([
      [0, 2],
      [1, 4],
      [2, 3],
      [3, 1],
    ] as const);
    for (let i = 0; i < meetingCount; i += 1) {
      const startHour = rng.pick([9.5, 10, 10.5, 11, 13.5, 14, 14.5, 15, 15.5, 16, 16.5]);
      const from = at(startHour) + rng.int(-2, 3) * MINUTE_MS;
      const meeting = { from, to: from + rng.pick([30, 30, 45, 60, 60, 90]) * MINUTE_MS, online: rng.chance(0.45) };
      const clashes = schedule.meetings.some((m) => meeting.from < m.to && m.from < meeting.to);
      if (!clashes && meeting.from > logonAt + 10 * MINUTE_MS && meeting.to < leaveAt - 10 * MINUTE_MS)
        schedule.meetings.push(meeting);
    }
    schedule.meetings.sort((a, b) => a.from - b.from);
  }
  schedule.activity = activitySpans(schedule, workday ? 1 : 0.6);
  return schedule;
}

/** Cuts the day at hour boundaries, lunch and meetings, and gives each piece its rate. */
function activitySpans(schedule: DaySchedule, dayFactor: number): ActivitySpan[] {
  const start = schedule.logonAt + 2 * MINUTE_MS;
  const end = schedule.leaveAt - 2 * MINUTE_MS;
  const cuts = new Set<number>([start, end]);
  for (let t = Math.ceil(start / HOUR_MS) * HOUR_MS; t < end; t += HOUR_MS) cuts.add(t);
  for (const span of [...(schedule.lunch ? [schedule.lunch] : []), ...schedule.meetings]) {
    if (span.from > start && span.from < end) cuts.add(span.from);
    if (span.to > start && span.to < end) cuts.add(span.to);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const spans: ActivitySpan[] = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const from = points[i]!;
    const to = points[i + 1]!;
    const middle = (from + to) / 2;
    let rate = (HOUR_SHAPE[Math.floor(jstHourOfDay(middle))] ?? 0) * dayFactor;
    if (schedule.lunch && middle > schedule.lunch.from && middle < schedule.lunch.to) rate *= LUNCH_RATE;
    const meeting = schedule.meetings.find((m) => middle > m.from && middle < m.to);
    if (meeting) rate *= meeting.online ? ONLINE_MEETING_RATE : 0;
    if (rate > 0 && to > from) spans.push({ from, to, rate });
  }
  return spans;
}

/** Times the PC is switched on during the day (health checks run at power-on and hourly). */
export function poweredIntervals(schedule: DaySchedule): Interval[] {
  return schedule.present ? [{ from: schedule.powerOnAt, to: schedule.powerOffAt }] : [];
}
