import { describe, expect, it } from 'vitest';
import { agreementStanding } from '../../notices/rules/terms-agreement.js';

/** The notices domain's pure rules: who must agree to which terms version (art. 2, 3). */
const versions = [
  { version: '1', effective_on: '2022-12-01' },
  { version: '2', effective_on: '2027-01-10' },
];

describe('agreement to the terms', () => {
  it('a participant with no agreement must agree to the version in force', () => {
    expect(agreementStanding(versions.slice(0, 1), '2026-12-05', new Set())).toEqual({
      inForce: '1',
      mustAgree: true,
      comingToAgree: null,
    });
  });

  it('a published coming version is offered, not required, until it takes effect', () => {
    expect(agreementStanding(versions, '2026-12-05', new Set(['1']))).toEqual({
      inForce: '1',
      mustAgree: false,
      comingToAgree: '2',
    });
    expect(agreementStanding(versions, '2027-01-10', new Set(['1']))).toEqual({
      inForce: '2',
      mustAgree: true,
      comingToAgree: null,
    });
  });

  it('agreeing ahead covers the version once it is in force', () => {
    expect(agreementStanding(versions, '2027-01-10', new Set(['1', '2'])).mustAgree).toBe(false);
    expect(agreementStanding(versions, '2026-12-05', new Set(['1', '2'])).comingToAgree).toBeNull();
  });
});
