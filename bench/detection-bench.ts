import type { BenchRow } from './report.js';

/**
 * The costs inside the scheduled evaluation (server/evaluation-job.ts), which runs the health policies and the
 * detection rule pack together over one snapshot per participant: the job answers them summed over participants
 * as `ms:snapshot`, `ms:snapshot:<table>`, `ms:policies`, `ms:rules`, `ms:rules:query` (the rules' queries: one
 * per participant and arrival range, all rules of it as one `UNION ALL`, checks included) and `ms:rules:write`
 * (comparing and writing the findings), with the counts `rules`, `rules-run` and `rule-queries`. The rules of one
 * query share its time: there is no cost per rule. One row, `info`: the goal is judged on the whole run
 * (query-bench.ts's row "all policies + rules").
 */
export function evaluationCostRow(result: Record<string, number> | undefined, size: string): BenchRow[] {
  if (!result) return [];
  const seconds = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(2)} s`;
  const tables = Object.entries(result)
    .filter(([key]) => key.startsWith('ms:snapshot:'))
    .map(([key, ms]): [string, number] => [key.slice('ms:snapshot:'.length), ms])
    .sort((a, b) => b[1] - a[1])
    .map(([table, ms]) => `${table} ${seconds(ms)}`)
    .join(', ');
  const rulesOther = (result['ms:rules'] ?? 0) - (result['ms:rules:query'] ?? 0) - (result['ms:rules:write'] ?? 0);
  return [
    {
      name: 'all policies + rules: where the time goes',
      figure:
        `median run ${size}, summed over participants: snapshot ${seconds(result['ms:snapshot'])} (${tables}); ` +
        `policies ${seconds(result['ms:policies'])} (one query per participant, each distinct text once, the verdicts made and inserted by the engine); ` +
        `rules ${seconds(result['ms:rules'])}: ${result.rules ?? 0} rules, ${result['rules-run'] ?? 0} rule runs in ${result['rule-queries'] ?? 0} queries ` +
        `(${seconds(result['ms:rules:query'])}, checks included), findings compared and written ${seconds(result['ms:rules:write'])}, ` +
        `watermarks and the rest ${seconds(rulesOther)}; ${result.findings ?? 0} findings`,
      ratio: '—',
      goal: '— (the row above is judged)',
      verdict: 'info',
    },
  ];
}
