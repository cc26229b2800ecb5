import { describe, expect, it } from 'vitest';
import { scoreTone } from '../../dashboard/src/pages/report/score-tone.js';

/** Issue 22: a participant with a critical finding open scored 88.4 in green. */
describe("the report score's colour", () => {
  it('is never green while a critical finding is open, whatever the number', () => {
    expect(scoreTone(88.4, ['critical'])).toBe('poor');
    expect(scoreTone(99, ['low', 'critical'])).toBe('poor');
  });

  it('is amber at best while a high-severity finding is open', () => {
    expect(scoreTone(95, ['high'])).toBe('fair');
    expect(scoreTone(50, ['high'])).toBe('poor');
  });

  it('follows the number otherwise, and is neutral without a score', () => {
    expect(scoreTone(88.4, ['low', 'medium'])).toBe('good');
    expect(scoreTone(70, [])).toBe('fair');
    expect(scoreTone(40, [])).toBe('poor');
    expect(scoreTone(null, ['critical'])).toBe('');
  });
});
