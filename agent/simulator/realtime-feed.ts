import type { HealthResult, LogEvent } from '../../agent-protocol/index.js';
import { DAY_MS, jstDayStart } from './japan-calendar.js';
import type { OfficePlan } from './office-plan.js';
import type { SimulatedDevice } from './office-roster.js';

/**
 * Hands out one PC's planned events and health results as their time comes. Real time uses the same
 * per-day generation as backfill, so a live run and a backfill of the same seed and days agree on
 * every event; only the moment of sending differs.
 */
interface DayItems {
  events: LogEvent[];
  eventTimes: number[];
  health: HealthResult[];
  healthTimes: number[];
}

export class RealtimeFeed {
  private dayIndex: number;
  private items: DayItems = { events: [], eventTimes: [], health: [], healthTimes: [] };
  private nextEvent = 0;
  private nextHealth = 0;

  constructor(
    private readonly plan: OfficePlan,
    private readonly device: SimulatedDevice,
    fromMs: number,
  ) {
    this.dayIndex = Math.floor((jstDayStart(fromMs) - plan.startMs) / DAY_MS);
    this.load();
    // What happened before the run started is not sent: a live run starts now.
    while (this.nextEvent < this.items.eventTimes.length && this.items.eventTimes[this.nextEvent]! < fromMs)
      this.nextEvent += 1;
    while (this.nextHealth < this.items.healthTimes.length && this.items.healthTimes[this.nextHealth]! < fromMs)
      this.nextHealth += 1;
  }

  private load(): void {
    if (this.dayIndex < 0 || this.dayIndex >= this.plan.days) {
      this.items = { events: [], eventTimes: [], health: [], healthTimes: [] };
    } else {
      const events = this.plan.eventsFor(this.device, this.dayIndex);
      const health = this.plan
        .healthFor(this.device, this.dayIndex)
        .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
      this.items = {
        events,
        eventTimes: events.map((e) => Date.parse(e.time)),
        health,
        healthTimes: health.map((h) => Date.parse(h.time)),
      };
    }
    this.nextEvent = 0;
    this.nextHealth = 0;
  }

  /** Everything due up to and including untilMs that has not been handed out yet. */
  takeUntil(untilMs: number): { events: LogEvent[]; health: HealthResult[] } {
    const events: LogEvent[] = [];
    const health: HealthResult[] = [];
    for (;;) {
      const { items } = this;
      while (this.nextEvent < items.events.length && items.eventTimes[this.nextEvent]! <= untilMs)
        events.push(items.events[this.nextEvent++]!);
      while (this.nextHealth < items.health.length && items.healthTimes[this.nextHealth]! <= untilMs)
        health.push(items.health[this.nextHealth++]!);
      const nextDayStart = this.plan.startMs + (this.dayIndex + 1) * DAY_MS;
      if (untilMs < nextDayStart || this.dayIndex + 1 >= this.plan.days) return { events, health };
      this.dayIndex += 1;
      this.load();
    }
  }
}
