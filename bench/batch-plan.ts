import { planOffice, type OfficePlan } from '../agent/simulator/index.js';
import type { LogEvent } from '../agent-protocol/index.js';

/**
 * Which events each bench agent sends, in batches, so that the gateway runs and the engine's ceilings see exactly
 * the same events: the simulator's office (agent/simulator, `planOffice`), agent n playing the office's PC n from
 * the plan's first day on, its days cut into batches (a batch never spans two days). The plan is seeded, so a batch
 * can be built again from where it lies (`BatchLocator`) instead of being held in memory.
 *
 * `phase` keeps separate runs of the same agents apart: every phase replays the same days, with seq shifted by
 * phase × PHASE_SEQ, so that (device, time, seq) never repeats across phases and seq keeps increasing
 * (the first-write check looks up only seqs at or below a device's highest).
 */
export interface PlannedBatch {
  batchId: string;
  body: string;
  events: number;
}

/** Where a batch's events lie in its agent's plan: a day of the PC, the first event of that day it holds, how many. */
export interface BatchLocator {
  day: number;
  firstInDay: number;
  count: number;
}

export type LocatedBatch = PlannedBatch & { at: BatchLocator };

/** The user name a conflicting re-send gives its events (gateway-ingest.ts): no simulated PC has it, so a stored row with it replaced a first write. */
export const CONFLICT_USER = 'bench-conflicting-resend';
/** The simulator's seed for every bench part. */
export const BENCH_SEED = 'bench';
/** Days the office is planned over, ending a few days before now: enough for 60,000 events per PC at scale 1. */
export const PLAN_DAYS = 115;
const PLAN_DAYS_BACK = 120;
/** Simulator seq is the JST day number × 1e6 + position (about 2e10): phases sit 1e14 apart, far below 2^53. */
export const PHASE_SEQ = 1e14;
/** Events per PC the plan is sure to hold at scale 1 (the quietest PCs hold about 100,000 over PLAN_DAYS). */
const EVENTS_PER_PC_AT_SCALE_1 = 60_000;

/** Where a plan's days start: four months back, well inside the gateway's accepted range (400 days). */
export function planStart(nowMs = Date.now()): number {
  return nowMs - PLAN_DAYS_BACK * 86_400_000;
}

/**
 * The office of a bench run: one participant with a PC per agent. Its activity scale is the simulator's own (1)
 * unless an agent must send more than a PC does in PLAN_DAYS at that scale; the same arguments give the same plan.
 */
export function benchOffice(agents: number, eventsPerAgent: number, startMs: number): OfficePlan {
  return planOffice({
    seed: BENCH_SEED,
    participants: [{ name: 'ベンチマーク株式会社', devices: agents }],
    start: startMs,
    days: PLAN_DAYS,
    scale: Math.min(50, Math.max(1, eventsPerAgent / EVENTS_PER_PC_AT_SCALE_1)),
  });
}

function batchBody(agent: number, phase: number, at: BatchLocator, dayEvents: readonly LogEvent[]): PlannedBatch {
  const batchId = `p${phase}-a${agent}-d${at.day}-${at.firstInDay}`;
  const events = dayEvents
    .slice(at.firstInDay, at.firstInDay + at.count)
    .map((event) => ({ ...event, seq: event.seq + phase * PHASE_SEQ }));
  return { batchId, body: JSON.stringify({ v: 1, type: 'events', batchId, events }), events: events.length };
}

/** One batch again, byte for byte, from where it lies. */
export function plannedBatch(plan: OfficePlan, agent: number, phase: number, at: BatchLocator): LocatedBatch {
  return { ...batchBody(agent, phase, at, plan.eventsFor(plan.devices[agent]!, at.day)), at };
}

/** An agent's first `events` events in batches of at most `batchSize`, one at a time (each day made once). */
export function* agentBatches(
  plan: OfficePlan,
  agent: number,
  phase: number,
  events: number,
  batchSize: number,
): Generator<LocatedBatch> {
  const device = plan.devices[agent];
  if (!device) throw new Error(`the bench office has ${plan.devices.length} PCs, not a PC for agent ${agent}`);
  let left = events;
  for (let day = 0; day < plan.days && left > 0; day += 1) {
    const dayEvents = plan.eventsFor(device, day);
    for (let firstInDay = 0; firstInDay < dayEvents.length && left > 0; firstInDay += batchSize) {
      const at = { day, firstInDay, count: Math.min(batchSize, dayEvents.length - firstInDay, left) };
      left -= at.count;
      yield { ...batchBody(agent, phase, at, dayEvents), at };
    }
  }
  if (left > 0)
    throw new Error(
      `the simulated PC of agent ${agent} holds ${events - left} events in ${plan.days} days at scale ${plan.scale}, not ${events}`,
    );
}

export function planAgentBatches(
  plan: OfficePlan,
  agent: number,
  phase: number,
  events: number,
  batchSize: number,
): LocatedBatch[] {
  return [...agentBatches(plan, agent, phase, events, batchSize)];
}
