import { describe, expect, it } from 'vitest';
import { antivirusDayOf, protectionOf } from '../../health/antivirus-history.js';

/** How a day of antivirus checks reads: protection on, off, off for a while, or no verdict. */
describe('antivirus history rules', () => {
  it('names the day by its checks: all passed, all failed, some failed, none with a verdict', () => {
    expect(protectionOf(24, 0)).toBe('on');
    expect(protectionOf(0, 24)).toBe('off');
    expect(protectionOf(10, 14)).toBe('partly_off');
    expect(protectionOf(0, 0)).toBe('unknown');
  });

  it('reads the engine row: numbers sent as text, no product when none ran, the stop time as UTC ISO', () => {
    expect(
      antivirusDayOf({
        day: '2026-12-03',
        product: '',
        running_passes: '0',
        running_failures: '5',
        first_failure: '2026-12-03 02:26:42.000',
        oldest_definitions_days: '4',
      }),
    ).toEqual({
      day: '2026-12-03',
      product: null,
      protection: 'off',
      stoppedAt: '2026-12-03T02:26:42.000Z',
      oldestDefinitionsDays: 4,
    });
    expect(
      antivirusDayOf({
        day: '2026-12-04',
        product: 'ESET Endpoint Security',
        running_passes: 3,
        running_failures: 0,
        first_failure: null,
        oldest_definitions_days: null,
      }),
    ).toMatchObject({
      product: 'ESET Endpoint Security',
      protection: 'on',
      stoppedAt: null,
      oldestDefinitionsDays: null,
    });
  });
});
