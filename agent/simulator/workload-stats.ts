import { LOG_CATEGORIES, type LogCategory } from '../../agent-protocol/index.js';
import { jstHourOfDay } from './japan-calendar.js';
import type { OfficePlan } from './office-plan.js';

/**
 * Measures what a plan generates, without a server: category shares, events per PC per office hour,
 * the day's shape. The simulator README's numbers come from here (`cli.ts --stats`), and the shape
 * test asserts on the same figures.
 */
export interface WorkloadStats {
  devices: number;
  days: number;
  events: number;
  healthResults: number;
  categories: Record<LogCategory, { events: number; percent: number }>;
  /** Workday events 09:00-18:00 JST per PC and hour, counting every PC (absent people included). */
  eventsPerPcOfficeHour: number;
  /** Events by JST hour of day, workdays only. */
  workdayHours: number[];
  /** Share of events on weekdays between 08:30 and 18:30 JST. */
  officeHoursPercent: number;
  /** Share of events on weekends, national holidays and company breaks. */
  nonWorkdayPercent: number;
  /** Events 12:00-13:00 relative to the mean of 10:00-11:00 and 14:00-15:00, workdays. */
  lunchRatio: number;
  incidents: number;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export function measureWorkload(plan: OfficePlan): WorkloadStats {
  const categoryCounts = Object.fromEntries(LOG_CATEGORIES.map((c) => [c, 0])) as Record<LogCategory, number>;
  const workdayHours = new Array<number>(24).fill(0);
  let events = 0;
  let healthResults = 0;
  let officeHours = 0;
  let nonWorkday = 0;
  let workdays = 0;
  for (let index = 0; index < plan.days; index += 1) {
    const day = plan.day(index);
    const workday = day.kind === 'workday';
    if (workday) workdays += 1;
    for (const device of plan.devices) {
      healthResults += plan.healthFor(device, index).length;
      for (const event of plan.eventsFor(device, index)) {
        events += 1;
        categoryCounts[event.category] += 1;
        if (!workday) {
          nonWorkday += 1;
          continue;
        }
        const hour = jstHourOfDay(Date.parse(event.time));
        workdayHours[Math.floor(hour)]! += 1;
        if (hour >= 8.5 && hour < 18.5) officeHours += 1;
      }
    }
  }
  const officeHourEvents = workdayHours.slice(9, 18).reduce((a, b) => a + b, 0);
  const around = (workdayHours[10]! + workdayHours[14]!) / 2;
  const categories = Object.fromEntries(
    LOG_CATEGORIES.map((c) => [
      c,
      { events: categoryCounts[c], percent: round((100 * categoryCounts[c]) / Math.max(1, events)) },
    ]),
  ) as WorkloadStats['categories'];
  return {
    devices: plan.devices.length,
    days: plan.days,
    events,
    healthResults,
    categories,
    eventsPerPcOfficeHour: round(officeHourEvents / Math.max(1, plan.devices.length * workdays * 9), 1),
    workdayHours,
    officeHoursPercent: round((100 * officeHours) / Math.max(1, events)),
    nonWorkdayPercent: round((100 * nonWorkday) / Math.max(1, events)),
    lunchRatio: round(workdayHours[12]! / Math.max(1, around)),
    incidents: plan.incidents.length,
  };
}
