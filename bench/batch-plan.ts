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

export function planAgentBatches(agent: number, phase: number, events: number, batchSize: number): PlannedBatch[] {
  const batches: PlannedBatch[] = [];
  const start = Date.now() - 2 * 86_400_000;
  for (let first = 0; first < events; first += batchSize) {
    const count = Math.min(batchSize, events - first);
    const seqBase = phase * 1e9 + first;
    const list = officeEvents(agent * 7919 + phase * 104729 + first, seqBase, count, start + first * 250);
    const batchId = `p${phase}-a${agent}-${first}`;
    batches.push({ batchId, body: JSON.stringify({ v: 1, type: 'events', batchId, events: list }), events: count });
  }
  return batches;
}
