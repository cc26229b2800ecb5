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
  const judged = isJudgeable(alone, withNeighbour, ratio);
  return { alone, withNeighbour, ratio, verdict: judged && ratio < 1 + P99_GOAL_CHANGE ? 'pass' : 'short' };
}

function isJudgeable(alone: LatencyFigures, withNeighbour: LatencyFigures, ratio: number): boolean {
  return alone.acks > 0 && withNeighbour.acks > 0 && Number.isFinite(ratio) && alone.p99Ms > 0;
}

/** The median of some figures (the mean of the middle two for an even count), with their min and max. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) return { median: NaN, min: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** One misbehaviour judged over its interleaved pairs of windows (alone, with the neighbour). */
export interface PairedComparison {
  /** The median over the pairs of each pair's p99 ratio (with the neighbour over alone), and its min and max. */
  ratio: number;
  ratioMin: number;
  ratioMax: number;
  /** Medians over the pairs' windows. */
  aloneP99Ms: number;
  withNeighbourP99Ms: number;
  aloneP50Ms: number;
  withNeighbourP50Ms: number;
  /** Pairs with a window that had no acknowledgement to judge. */
  unjudgedPairs: number;
  verdict: 'pass' | 'short';
}

/**
 * The figure of one misbehaviour. One pair's p99 swung 3× on a quiet machine, so the goal is judged on the median
 * of the per-pair ratios: a ratio within a pair cancels what the machine did to both of its windows, and the median
 * drops the odd pair. Any pair that cannot be judged makes the whole short, as no median would hide it.
 */
export function comparePairs(
  pairs: readonly { alone: LatencyFigures; withNeighbour: LatencyFigures }[],
): PairedComparison {
  const compared = pairs.map(({ alone, withNeighbour }) => compareWindows(alone, withNeighbour));
  const judged = compared.filter((pair) => isJudgeable(pair.alone, pair.withNeighbour, pair.ratio));
  const ratio = spreadOf(judged.map((pair) => pair.ratio));
  const median = (pick: (pair: NeighbourComparison) => number) =>
    spreadOf(compared.map(pick).filter(Number.isFinite)).median;
  const unjudgedPairs = pairs.length - judged.length;
  return {
    ratio: ratio.median,
    ratioMin: ratio.min,
    ratioMax: ratio.max,
    aloneP99Ms: median((pair) => pair.alone.p99Ms),
    withNeighbourP99Ms: median((pair) => pair.withNeighbour.p99Ms),
    aloneP50Ms: median((pair) => pair.alone.p50Ms),
    withNeighbourP50Ms: median((pair) => pair.withNeighbour.p50Ms),
    unjudgedPairs,
    verdict: pairs.length > 0 && unjudgedPairs === 0 && ratio.median < 1 + P99_GOAL_CHANGE ? 'pass' : 'short',
  };
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

/** Several windows' counter growth added up, counter by counter. */
export function counterTotals(growths: readonly Record<string, number>[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const growth of growths)
    for (const [key, value] of Object.entries(growth)) totals[key] = (totals[key] ?? 0) + value;
  return totals;
}
