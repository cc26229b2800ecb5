/**
 * The ticket desk's SLA clocks: time to the first response and time to resolution, both in
 * business time (./business-calendar.ts), both paused while the ticket waits for the participant.
 *
 * States and instants are computed on exact milliseconds. The minutes reported are whole minutes:
 * elapsedMinutes is rounded UP (a begun minute counts, like a meter), so that
 * remainingMinutes = targetMinutes - elapsedMinutes is negative exactly when the clock is breached
 * (for whole-minute targets) and never reads "0 left" on a breached clock.
 */
import { addBusinessMinutes, businessMillisecondsBetween } from './business-calendar.js';

export type TicketStatus = 'new' | 'open' | 'awaiting_participant' | 'resolved' | 'closed';

export interface SlaTargets {
  firstResponseMinutes: number;
  resolutionMinutes: number;
  /** e.g. 0.25: warn when at most 25 % of the target remains. */
  warningShare: number;
}

export interface StatusChange {
  at: Date;
  status: TicketStatus;
}

export type SlaState = 'running' | 'warning' | 'paused' | 'met' | 'breached';

export interface SlaClock {
  targetMinutes: number;
  /** Business minutes counted, rounded up to a whole minute. */
  elapsedMinutes: number;
  /** targetMinutes - elapsedMinutes; negative once breached. */
  remainingMinutes: number;
  /** Running/warning: when it will breach if it keeps running; breached: when it breached; else null. */
  dueAt: Date | null;
  state: SlaState;
  metAt: Date | null;
  breachedAt: Date | null;
}

/** Three business days of 7 hours for resolution; two business hours for the first response. */
export const DEFAULT_SLA_TARGETS: Readonly<SlaTargets> = Object.freeze({
  firstResponseMinutes: 120,
  resolutionMinutes: 1260,
  warningShare: 0.25,
});

const MINUTE_MS = 60_000;

/** The statuses in which the desk owes the participant work; only these are counted. */
const COUNTING_STATUSES: ReadonlySet<TicketStatus> = new Set(['new', 'open']);
const DONE_STATUSES: ReadonlySet<TicketStatus> = new Set(['resolved', 'closed']);

interface Interval {
  from: Date;
  to: Date;
}

interface StatusSpan extends Interval {
  status: TicketStatus;
}

/** The ticket's statuses as spans between createdAt and now; changes after now have not happened yet. */
function statusSpans(createdAt: Date, statusChanges: StatusChange[], now: Date): StatusSpan[] {
  const changes = statusChanges.length > 0 ? statusChanges : [{ at: createdAt, status: 'new' as const }];
  const spans: StatusSpan[] = [];
  changes.forEach((change, index) => {
    const next = changes[index + 1];
    const from = Math.max(change.at.getTime(), createdAt.getTime());
    const to = Math.min(next ? next.at.getTime() : Infinity, now.getTime());
    if (change.at.getTime() <= now.getTime())
      spans.push({ from: new Date(from), to: new Date(Math.max(from, to)), status: change.status });
  });
  return spans;
}

/** When the ticket last became resolved or closed and stayed so until now, or null if it is not done. */
function doneSince(spans: StatusSpan[]): Date | null {
  let since: Date | null = null;
  for (const span of spans) {
    if (!DONE_STATUSES.has(span.status)) since = null;
    else since ??= span.from;
  }
  return since;
}

function countingIntervals(spans: StatusSpan[], stopAt: Date | null): Interval[] {
  const stopMs = stopAt ? stopAt.getTime() : Infinity;
  return spans
    .filter((span) => COUNTING_STATUSES.has(span.status))
    .map((span) => ({ from: span.from, to: new Date(Math.min(span.to.getTime(), stopMs)) }))
    .filter((interval) => interval.to.getTime() > interval.from.getTime());
}

/** The exact instant the count reached the target, inside the interval where it crossed it. */
function crossingInstant(intervals: Interval[], targetMs: number): Date | null {
  let counted = 0;
  for (const interval of intervals) {
    const length = businessMillisecondsBetween(interval.from, interval.to);
    if (counted + length > targetMs) return addBusinessMinutes(interval.from, (targetMs - counted) / MINUTE_MS);
    counted += length;
  }
  return null;
}

interface ClockInput {
  intervals: Interval[];
  targetMinutes: number;
  warningShare: number;
  /** The instant the clock stopped for good (met if within target), or null. */
  stoppedAt: Date | null;
  paused: boolean;
  now: Date;
}

function slaClock(input: ClockInput): SlaClock {
  const { intervals, targetMinutes, now } = input;
  const targetMs = targetMinutes * MINUTE_MS;
  const elapsedMs = intervals.reduce(
    (sum, interval) => sum + businessMillisecondsBetween(interval.from, interval.to),
    0,
  );
  const elapsedMinutes = Math.ceil(elapsedMs / MINUTE_MS);
  const base = { targetMinutes, elapsedMinutes, remainingMinutes: targetMinutes - elapsedMinutes };
  if (elapsedMs > targetMs) {
    const breachedAt = crossingInstant(intervals, targetMs);
    return { ...base, state: 'breached', dueAt: breachedAt, metAt: null, breachedAt };
  }
  if (input.stoppedAt) return { ...base, state: 'met', dueAt: null, metAt: input.stoppedAt, breachedAt: null };
  if (input.paused) return { ...base, state: 'paused', dueAt: null, metAt: null, breachedAt: null };
  const remainingMs = targetMs - elapsedMs;
  const state = remainingMs <= input.warningShare * targetMs ? 'warning' : 'running';
  return { ...base, state, dueAt: addBusinessMinutes(now, remainingMs / MINUTE_MS), metAt: null, breachedAt: null };
}

/**
 * Both clocks count only while the ticket is `new` or `open`: they pause while it awaits the
 * participant, and stop while it is resolved or closed. A reopened ticket continues from the count
 * it had. The first-response clock also stops at the first response; a ticket resolved or closed
 * without one (e.g. spam) is met at that instant rather than breaching forever.
 */
export function slaClocks(input: {
  createdAt: Date;
  statusChanges: StatusChange[];
  firstResponseAt: Date | null;
  now: Date;
  targets: SlaTargets;
}): { firstResponse: SlaClock; resolution: SlaClock } {
  const { createdAt, now, targets } = input;
  const spans = statusSpans(createdAt, input.statusChanges, now);
  const current = spans.at(-1)?.status ?? 'new';
  const paused = current === 'awaiting_participant';
  const done = doneSince(spans);
  const responded =
    input.firstResponseAt && input.firstResponseAt.getTime() <= now.getTime() ? input.firstResponseAt : null;

  const firstResponse = slaClock({
    intervals: countingIntervals(spans, responded),
    targetMinutes: targets.firstResponseMinutes,
    warningShare: targets.warningShare,
    stoppedAt: responded ?? done,
    paused,
    now,
  });
  const resolution = slaClock({
    intervals: countingIntervals(spans, null),
    targetMinutes: targets.resolutionMinutes,
    warningShare: targets.warningShare,
    stoppedAt: done,
    paused,
    now,
  });
  return { firstResponse, resolution };
}

const STATE_RANK: Record<SlaState, number> = { breached: 0, warning: 1, running: 2, paused: 3, met: 4 };

/** Sort key for a queue: breached first, then warning, running, paused, met. */
export function slaStateRank(clock: SlaClock): number {
  return STATE_RANK[clock.state];
}
