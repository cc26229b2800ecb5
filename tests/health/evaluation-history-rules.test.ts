import { describe, expect, it } from 'vitest';
import { failingRunStarts, historyInstants, HISTORY_DAYS } from '../../health/evaluation-history.js';

/** Where the health history is evaluated and where a failing run began (pure rules of evaluation-history.ts). */
describe('past instants of the health history', () => {
  it('are 6-hour JST boundaries after the first activity, within the history days, now excluded', () => {
    const now = new Date('2026-12-06T05:10:00Z'); // 14:10 JST
    const instants = historyInstants(new Date('2026-12-05T02:30:00Z'), now); // first activity 11:30 JST
    expect(instants[0]!.toISOString()).toBe('2026-12-05T03:00:00.000Z'); // 12:00 JST
    expect(instants.at(-1)!.toISOString()).toBe('2026-12-06T03:00:00.000Z'); // 12:00 JST today
    expect(instants.every((at) => at < now)).toBe(true);
    const longAgo = historyInstants(new Date('2026-01-01T00:00:00Z'), now);
    expect(longAgo.length).toBe(HISTORY_DAYS * 4);
  });
});

describe('failing runs', () => {
  const verdict = (device: string, at: string, status: string) => ({
    policy_id: 'p',
    device_id: device,
    evaluated_at: at,
    status,
  });

  it('begin where a device fails after not failing; a run failing from the first instant is not refined', () => {
    const starts = failingRunStarts([
      verdict('a', '2026-12-01 00:00:00.000', 'fail'),
      verdict('b', '2026-12-01 00:00:00.000', 'pass'),
      verdict('a', '2026-12-01 06:00:00.000', 'fail'),
      verdict('b', '2026-12-01 06:00:00.000', 'unknown'),
      verdict('b', '2026-12-01 12:00:00.000', 'fail'),
      verdict('a', '2026-12-01 12:00:00.000', 'fail'),
    ]);
    expect(starts).toEqual([{ policyId: 'p', evaluatedAt: '2026-12-01 12:00:00.000' }]);
  });
});
