import type { ConnectionsResults } from './connections-bench.js';
import type { StreamingResults } from './connections-streaming.js';
import type { BenchRow } from './report.js';

/**
 * The `connections` part's rows: the idle window and the streaming window. Both goals are stated at 10,000
 * agents: a smaller run that meets one is reported as info (not judged), one that misses it is short, and a run
 * that could not hold every agent is short and says how many it held.
 */
export const GOAL_AGENTS = 10_000;
export const GOAL_RSS_MIB = 1024;
export const GOAL_HEARTBEAT_P99_MS = 100;
/** The streaming window is judged only when the agents' batches came in at (nearly) the rate asked. */
const RATE_SHARE_NEEDED = 0.9;

const k = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : n.toFixed(0)} ms` : 'lost');
const mib = (n: number) => (Number.isFinite(n) && n > 0 ? `${n.toFixed(0)} MiB` : 'not measured (gateway gone)');

export function connectionsRows(r: ConnectionsResults): BenchRow[] {
  return r.streaming ? [idleRow(r), streamingRow(r.requested, r.streaming)] : [idleRow(r)];
}

function idleRow(r: ConnectionsResults): BenchRow {
  const held = Math.min(r.connected, r.heldAtEnd);
  const rss = r.gatewayRssMiB.peakInWindow;
  const hb = r.heartbeats;
  const figures =
    `${k(held)} of ${k(r.requested)} agents held; gateway RSS ${mib(rss)}; ` +
    `heartbeat RTT p50 ${ms(hb.p50Ms)}, p99 ${ms(hb.p99Ms)} (${k(hb.sent)} heartbeats${hb.lost ? `, ${k(hb.lost)} lost` : ''})`;
  const meets = held === r.requested && rss < GOAL_RSS_MIB && hb.p99Ms < GOAL_HEARTBEAT_P99_MS && hb.sent > 0;
  return judged(
    'connections',
    figures,
    `${k(GOAL_AGENTS)} agents; RSS < 1 GiB; p99 < ${GOAL_HEARTBEAT_P99_MS} ms`,
    meets,
    r.requested,
  );
}

function streamingRow(requested: number, s: StreamingResults): BenchRow {
  const held = Math.min(s.agents, s.heldAtEnd);
  const b = s.batches;
  const memory = s.gatewayMemoryAtPeak
    ? ` (at its highest /metrics reading: V8 heap used ${s.gatewayMemoryAtPeak.heapUsedMiB.toFixed(0)} MiB, external ${s.gatewayMemoryAtPeak.externalMiB.toFixed(0)} MiB)`
    : '';
  const figures =
    `${k(held)} of ${k(requested)} agents held; gateway RSS peak ${mib(s.gatewayRssMiB.peak)}, at end ${mib(s.gatewayRssMiB.atEnd)}${memory}; ` +
    `${k(s.eventsPerSecondAcked)} events/s acked (asked ${k(s.eventsPerSecondAsked)}: a ${s.batchSize}-event batch per agent every ${s.intervalSeconds.toFixed(0)} s); ` +
    `ack p50 ${ms(b.p50Ms)}, p99 ${ms(b.p99Ms)} (${k(b.sent)} batches${b.unanswered ? `, ${k(b.unanswered)} unanswered` : ''})`;
  const refused = Object.values(b.refused).reduce((sum, n) => sum + n, 0);
  const meets =
    held === requested &&
    s.gatewayRssMiB.peak < GOAL_RSS_MIB &&
    b.sent > 0 &&
    b.unanswered === 0 &&
    refused === 0 &&
    s.eventsPerSecondAcked >= RATE_SHARE_NEEDED * s.eventsPerSecondAsked;
  return judged('connections: streaming', figures, `${k(GOAL_AGENTS)} agents streaming; RSS < 1 GiB`, meets, requested);
}

function judged(name: string, figures: string, goal: string, meets: boolean, requested: number): BenchRow {
  const atGoalSize = requested >= GOAL_AGENTS;
  return {
    name,
    figure: meets && !atGoalSize ? `${figures}; below ${k(GOAL_AGENTS)} agents: not judged` : figures,
    ratio: '—',
    goal,
    verdict: !meets ? 'short' : atGoalSize ? 'pass' : 'info',
  };
}
