import { fromClickHouseTime } from '../common/clickhouse-time.js';
import { jstDateOf } from '../common/jst-time.js';

/**
 * How results become scores. A device's score is the severity-weighted share of its decided policies
 * (pass or fail; "unknown" does not count) that pass, 0-100. A participant's score is the mean of its
 * devices' scores, so one badly kept PC shows without being drowned by many good ones.
 */
export type Severity = 'low' | 'medium' | 'high' | 'critical';
export const SEVERITY_WEIGHT: Record<Severity, number> = { low: 1, medium: 2, high: 3, critical: 5 };

export interface Verdict {
  severity: Severity;
  status: 'pass' | 'fail' | 'unknown';
}

export function deviceScore(verdicts: readonly Verdict[]): number | null {
  let decided = 0;
  let passed = 0;
  for (const verdict of verdicts) {
    if (verdict.status === 'unknown') continue;
    decided += SEVERITY_WEIGHT[verdict.severity];
    if (verdict.status === 'pass') passed += SEVERITY_WEIGHT[verdict.severity];
  }
  return decided === 0 ? null : Math.round((passed / decided) * 1000) / 10;
}

export function participantScore(deviceScores: readonly (number | null)[]): number | null {
  const known = deviceScores.filter((score): score is number => score !== null);
  if (known.length === 0) return null;
  return Math.round((known.reduce((sum, score) => sum + score, 0) / known.length) * 10) / 10;
}

/** The daily trend: the last evaluation of each JST day. */
export function dailyTrend(
  history: readonly { evaluated_at: string; score: number }[],
): { day: string; score: number }[] {
  const byDay = new Map<string, number>();
  for (const point of history) {
    const day = jstDateOf(fromClickHouseTime(point.evaluated_at));
    byDay.set(day, Math.round(point.score * 10) / 10);
  }
  return [...byDay].map(([day, score]) => ({ day, score }));
}
