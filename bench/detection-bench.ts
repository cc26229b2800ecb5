import type { BenchRow } from './report.js';

/**
 * The detection rules' part of `npm run bench -- query`: the scheduled job (the shipped rule pack over every
 * participant) run through its API call a few times and timed from the request to the answer, with each
 * rule's cost summed over participants (the job reports `ms:<rule id>`). The health job is timed by
 * query-bench.ts; "all policies + rules" adds the two medians: they run one after the other today, not
 * over one materialised snapshot (issue 23's step 4 is not built).
 */
export interface DetectionMeasurement {
  runs: { seconds: number; findings: number; errors: number }[];
  medianSeconds: number;
  /** Milliseconds per rule in the median run, most costly first. */
  perRuleMs: [string, number][];
}

const RUNS = 3;

export async function measureDetections(
  url: string,
  sessionToken: string,
  log: (line: string) => void,
): Promise<DetectionMeasurement> {
  const timed: { seconds: number; result: Record<string, number> }[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    const response = await fetch(new URL('/api/v1/admin/jobs/detection-rules/run', url), {
      method: 'POST',
      headers: { authorization: `Bearer ${sessionToken}` },
    });
    const text = await response.text();
    const seconds = (performance.now() - started) / 1000;
    if (response.status !== 200)
      throw new Error(`POST /api/v1/admin/jobs/detection-rules/run answered ${response.status}: ${text.slice(0, 300)}`);
    const { run: jobRun } = JSON.parse(text) as { run: { result?: Record<string, number>; error?: string } };
    if (!jobRun.result) throw new Error(`the detection job failed: ${jobRun.error ?? 'no result'}`);
    timed.push({ seconds, result: jobRun.result });
    log(
      `query: detections: run ${run + 1}: ${seconds.toFixed(2)} s; ${jobRun.result.findings} findings, ${jobRun.result.errors} errors`,
    );
  }
  const sorted = [...timed].sort((a, b) => a.seconds - b.seconds);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const perRuleMs = Object.entries(median.result)
    .filter(([key]) => key.startsWith('ms:'))
    .map(([key, ms]): [string, number] => [key.slice(3), ms])
    .sort((a, b) => b[1] - a[1]);
  return {
    runs: timed.map((t) => ({ seconds: t.seconds, findings: t.result.findings ?? 0, errors: t.result.errors ?? 0 })),
    medianSeconds: median.seconds,
    perRuleMs,
  };
}

const GOAL_SECONDS = 10;

export function detectionRows(
  detections: DetectionMeasurement | { error: string } | undefined,
  healthMedianSeconds: number | undefined,
  size: string,
): BenchRow[] {
  if (!detections) return [];
  if ('error' in detections)
    return [
      {
        name: 'detections: the rule pack over all participants',
        figure: `failed: ${detections.error.slice(0, 200)}`,
        ratio: '—',
        goal: '—',
        verdict: 'short',
      },
    ];
  const rules = detections.perRuleMs.length;
  const costliest = detections.perRuleMs
    .slice(0, 5)
    .map(([rule, ms]) => `${rule} ${(ms / 1000).toFixed(2)} s`)
    .join(', ');
  const errors = detections.runs.reduce((sum, run) => sum + run.errors, 0);
  const rows: BenchRow[] = [
    {
      name: 'detections: the rule pack over all participants',
      figure: `median ${detections.medianSeconds.toFixed(1)} s (${detections.runs.length} runs) ${size}; ${rules} rules; ${detections.runs[0]?.findings ?? 0} findings; ${errors} rule errors; costliest: ${costliest}`,
      ratio: '—',
      goal: '— (part of the row below)',
      verdict: errors === 0 ? 'pass' : 'short',
    },
  ];
  if (healthMedianSeconds !== undefined) {
    const total = healthMedianSeconds + detections.medianSeconds;
    rows.push({
      name: 'all policies + rules',
      figure: `${total.toFixed(1)} s ${size}: health median ${healthMedianSeconds.toFixed(1)} s + rules median ${detections.medianSeconds.toFixed(1)} s, run one after the other (no shared snapshot yet)`,
      ratio: `${(total / GOAL_SECONDS).toFixed(2)} × goal`,
      goal: `< ${GOAL_SECONDS} s`,
      verdict: total < GOAL_SECONDS && errors === 0 ? 'pass' : 'short',
    });
  }
  return rows;
}
