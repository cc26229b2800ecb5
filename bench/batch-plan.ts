import { officeEvents } from './event-batches.js';

/**
 * Which events each simulated agent sends, in batches, so that the gateway runs and the raw insert
 * see exactly the same events. `phase` keeps the seq ranges of separate runs apart.
 */
export interface PlannedBatch {
  batchId: string;
  body: string;
  events: number;
}

/** Where a plan's event times start: two days back, well inside the gateway's accepted range. */
export function planStart(): number {
  return Date.now() - 2 * 86_400_000;
}

/** One batch of an agent's plan; the same arguments give the same batch, byte for byte. */
export function plannedBatch(agent: number, phase: number, first: number, count: number, start: number): PlannedBatch {
  const seqBase = phase * 1e9 + first;
  const list = officeEvents(agent * 7919 + phase * 104729 + first, seqBase, count, start + first * 250);
  const batchId = `p${phase}-a${agent}-${first}`;
  return { batchId, body: JSON.stringify({ v: 1, type: 'events', batchId, events: list }), events: count };
}

/** An agent's batches one at a time, for runs too large to hold every body in memory at once. */
export function* agentBatches(
  agent: number,
  phase: number,
  events: number,
  batchSize: number,
  start: number,
): Generator<PlannedBatch & { first: number }> {
  for (let first = 0; first < events; first += batchSize) {
    yield { ...plannedBatch(agent, phase, first, Math.min(batchSize, events - first), start), first };
  }
}

export function planAgentBatches(agent: number, phase: number, events: number, batchSize: number): PlannedBatch[] {
  const batches: PlannedBatch[] = [];
  const start = planStart();
  for (let first = 0; first < events; first += batchSize)
    batches.push(plannedBatch(agent, phase, first, Math.min(batchSize, events - first), start));
  return batches;
}
