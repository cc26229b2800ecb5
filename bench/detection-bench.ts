import type { BenchRow } from './report.js';

/**
 * The costs inside the scheduled evaluation (server/evaluation-job.ts), which runs the health policies and the
 * detection rule pack together over one snapshot per participant: the job answers them summed over participants
 * as `ms:snapshot`, `ms:snapshot:<table>`, `ms:policies`, `ms:rules` and `ms:rule:<rule id>`. One row, `info`:
 * the goal is judged on the whole run (query-bench.ts's row "all policies + rules").
 */
export function evaluationCostRow(result: Record<string, number> | undefined, size: string): BenchRow[] {
  if (!result) return [];
  const seconds = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(2)} s`;
  const under = (prefix: string) =>
    Object.entries(result)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, ms]): [string, number] => [key.slice(prefix.length), ms])
      .sort((a, b) => b[1] - a[1]);
  const tables = under('ms:snapshot:')
    .map(([table, ms]) => `${table} ${seconds(ms)}`)
    .join(', ');
  const rules = under('ms:rule:');
  const costliest = rules
    .slice(0, 5)
    .map(([rule, ms]) => `${rule} ${seconds(ms)}`)
    .join(', ');
  return [
    {
      name: 'all policies + rules: where the time goes',
      figure:
        `median run ${size}, summed over participants: snapshot ${seconds(result['ms:snapshot'])} (${tables}); ` +
        `policies ${seconds(result['ms:policies'])} (one query per participant, each distinct text once, and the verdicts' raw insert); ` +
        `rules ${seconds(result['ms:rules'])} (${rules.length} rules, ${result.findings ?? 0} findings; costliest: ${costliest})`,
      ratio: '—',
      goal: '— (the row above is judged)',
      verdict: 'info',
    },
  ];
}
