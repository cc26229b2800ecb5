import type { Misbehaviour } from './misbehaving-device-process.js';
import type { NoisyNeighbourResults } from './noisy-neighbour-bench.js';
import { P99_GOAL_CHANGE } from './noisy-neighbour-figures.js';
import type { BenchRow } from './report.js';

/** The misbehaviours of the noisy-neighbour part, in the order they run, and the names of their rows. */
export const MISBEHAVIOURS: readonly { kind: Misbehaviour; label: string }[] = [
  { kind: 'bad-messages', label: 'bad messages (malformed JSON, schema-invalid events)' },
  { kind: 'large-messages', label: '4 MiB messages back to back' },
  { kind: 'diagnostics', label: 'unsolicited 1 MiB diagnostics' },
  { kind: 'unknown-credentials', label: '2,000 unknown device ids / bad credentials' },
];

/**
 * The noisy-neighbour rows of the results table, one per misbehaviour: the medians over its pairs of windows, the
 * spread of the pairs' ratios, what the neighbour sent and what the gateway refused over all its windows.
 */
export function noisyNeighbourRows(results: NoisyNeighbourResults): BenchRow[] {
  const ms = (n: number) => n.toFixed(0);
  const ratio = (n: number) => n.toFixed(2);
  const pairs = results.pairs;
  return results.runs.map((run) => {
    const label = MISBEHAVIOURS.find((m) => m.kind === run.misbehaviour)!.label;
    const refused = Object.entries(run.refusals)
      .filter(([name]) => !name.startsWith('yorozu_credential_checks_total') || name.includes('unknown_cache'))
      .map(([name, value]) => `${name.replace(/^yorozu_|_total/g, '')} ${Math.round(value).toLocaleString('en-US')}`)
      .join(', ');
    const spread = pairs > 1 ? `; pair ratios ${ratio(run.ratioMin)}–${ratio(run.ratioMax)}` : '';
    const unjudged = run.unjudgedPairs > 0 ? `; ${run.unjudgedPairs} pair(s) with a window of no acks` : '';
    return {
      name: `noisy-neighbour: ${label}`,
      figure:
        `others' ack p99 ${ms(run.aloneP99Ms)} ms alone → ${ms(run.withNeighbourP99Ms)} ms with it (p50 ${ms(run.aloneP50Ms)} → ${ms(run.withNeighbourP50Ms)} ms)` +
        `${pairs > 1 ? `, medians of ${pairs} pairs` : ', one pair'}${spread}${unjudged}; ` +
        `${run.neighbourSent.toLocaleString('en-US')} sent${refused ? `; refused: ${refused}` : ''}`,
      ratio: ratio(run.ratio),
      goal: `others' p99 moves < ${P99_GOAL_CHANGE * 100} % (median of the pairs' ratios)`,
      verdict: run.verdict,
    };
  });
}
