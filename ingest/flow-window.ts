/**
 * How many batches one WebSocket connection may have unacknowledged, and how long an agent waits
 * when told to slow down: both sized from the gateway's one bound on unacknowledged events.
 *
 * Little's law: events in flight = events/s × time in flight. The gateway holds at most
 * `maxUnacknowledgedEvents` (B) read and not yet answered, so an agent's wait for its ack is at most
 * about B / (events/s the gateway acknowledges): the default 150,000 is one second at the goal of
 * 150,000 events/s. For that bound to be what agents meet, and not a wall they all hit at once, the
 * window advertised to each of N connected agents is B / (N × events per batch), at least 1 and at
 * most `INGEST_MAX_IN_FLIGHT_BATCHES`: the agents together never send much more than the gateway may
 * hold, so `slow_down` is the exception (batches larger than usual, a burst of new agents). It shrinks
 * as agents connect and grows as they leave; the gateway also enforces it, one connection's frames
 * beyond it stay unread.
 */
export interface WindowInputs {
  maxUnacknowledgedEvents: number;
  maxInFlightBatches: number;
  connections: number;
  eventsPerBatch: number;
}

export function inFlightWindow({
  maxUnacknowledgedEvents,
  maxInFlightBatches,
  connections,
  eventsPerBatch,
}: WindowInputs): number {
  const perConnection = maxUnacknowledgedEvents / (Math.max(1, connections) * Math.max(1, eventsPerBatch));
  return Math.max(1, Math.min(maxInFlightBatches, Math.floor(perConnection)));
}

/** Bounds of a slow_down's wait: long enough to matter, never so long that the gateway runs dry. */
export const SLOW_DOWN_MIN_MS = 50;
export const SLOW_DOWN_MAX_MS = 1000;

/**
 * The wait told to an agent at the bound: the time the gateway needs, at the rate it acknowledges,
 * to come down to half its bound. When the agents come back the gateway still holds half a bound of
 * work, so it is never idle while they wait. Without a rate yet, the shortest wait.
 */
export function slowDownMs(held: number, maxUnacknowledgedEvents: number, eventsPerSecond: number): number {
  if (!(eventsPerSecond > 0)) return SLOW_DOWN_MIN_MS;
  const excess = held - maxUnacknowledgedEvents / 2;
  const ms = Math.round((excess / eventsPerSecond) * 1000);
  return Math.max(SLOW_DOWN_MIN_MS, Math.min(SLOW_DOWN_MAX_MS, ms));
}

/** Events acknowledged per second, smoothed over about a second. */
export class AckRate {
  private windowStart: number;
  private events = 0;
  private smoothed = 0;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.windowStart = now();
  }

  add(events: number): void {
    this.events += events;
    const elapsed = this.now() - this.windowStart;
    if (elapsed < 250) return;
    const rate = (this.events / elapsed) * 1000;
    this.smoothed = this.smoothed === 0 ? rate : 0.7 * this.smoothed + 0.3 * rate;
    this.events = 0;
    this.windowStart += elapsed;
  }

  get eventsPerSecond(): number {
    return this.smoothed;
  }
}

/** Mean events per data frame, smoothed; starts from the batch size agents are configured with. */
export class FrameSize {
  private mean: number;

  constructor(initial: number) {
    this.mean = Math.max(1, initial);
  }

  observe(events: number): void {
    if (events > 0) this.mean = 0.9 * this.mean + 0.1 * events;
  }

  get eventsPerFrame(): number {
    return this.mean;
  }
}
