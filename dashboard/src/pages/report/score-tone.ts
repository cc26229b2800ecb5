/**
 * The colour of a score. A number alone can look fine while a critical problem is open (one critical failure
 * among many passing policies still averages above 80), so an open critical finding is never shown in green.
 */
export type ScoreTone = '' | 'good' | 'fair' | 'poor';

export function scoreTone(score: number | null, openSeverities: readonly string[]): ScoreTone {
  if (score === null) return '';
  if (openSeverities.includes('critical')) return 'poor';
  const tone = score >= 80 ? 'good' : score >= 60 ? 'fair' : 'poor';
  // A high-severity finding open keeps the score out of green too: amber at best.
  return tone === 'good' && openSeverities.includes('high') ? 'fair' : tone;
}
