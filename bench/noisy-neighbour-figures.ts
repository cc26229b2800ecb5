/**
 * The pure arithmetic of the noisy-neighbour part: how far one misbehaving device moved the other
 * agents' p99 acknowledgement, whether that met the goal, and what the gateway counted as refused
 * meanwhile (the difference of its Prometheus counters before and after).
 */

/** The goal: the others' p99 moves by less than this fraction. */
export const P99_GOAL_CHANGE = 0.2;

export interface LatencyFigures {
  acks: number;
  p50Ms: number;
  p99Ms: number;
}

export interface NeighbourComparison {
  alone: LatencyFigures;
  withNeighbour: LatencyFigures;
  /** p99 with the neighbour over p99 alone. */
  ratio: number;
  verdict: 'pass' | 'short';
}

/**
 * With the neighbour against alone. A window with no acknowledgement at all cannot be judged and is short, and so
 * is a ratio of 1.2 or more: "moves < 20 %" is judged on the slowdown only, a faster window with the neighbour passes.
 */
export function compareWindows(alone: LatencyFigures, withNeighbour: LatencyFigures): NeighbourComparison {
  const ratio = withNeighbour.p99Ms / alone.p99Ms;
  const judged = alone.acks > 0 && withNeighbour.acks > 0 && Number.isFinite(ratio) && alone.p99Ms > 0;
  return { alone, withNeighbour, ratio, verdict: judged && ratio < 1 + P99_GOAL_CHANGE ? 'pass' : 'short' };
}

/** Sample lines of a Prometheus text exposition whose name is one of `names`, keyed by name and labels. */
export function counterSamples(exposition: string, names: readonly string[]): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of exposition.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match || !names.includes(match[1]!)) continue;
    const value = Number(match[3]);
    if (Number.isFinite(value)) samples.set(`${match[1]}${match[2] ?? ''}`, value);
  }
  return samples;
}

/** What each counter grew by between two readings; counters that did not move are left out. */
export function counterGrowth(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const growth: Record<string, number> = {};
  for (const [key, value] of after) {
    const grown = value - (before.get(key) ?? 0);
    if (grown > 0) growth[key] = grown;
  }
  return growth;
}
