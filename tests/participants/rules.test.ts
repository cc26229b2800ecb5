import { describe, expect, it } from 'vitest';
import { addDays, jstDateOf, startOfJstDay } from '../../common/jst-time.js';
import { deadlineOnLeaving, useHasEnded } from '../../participants/rules/participation-dates.js';
import { startDateProblem } from '../../participants/rules/trial-dates.js';
import {
  ENDED_STATUSES,
  PARTICIPANT_STATUSES,
  participantHasAccess,
  participantMayEnrollDevices,
  transitionProblem,
  type LifecycleAction,
  type ParticipantStatus,
} from '../../participants/rules/lifecycle.js';
import {
  FAILURE_WINDOW_MS,
  FAILURES_TO_LOCK,
  LOCK_DURATION_MS,
  attemptsLeft,
  lockedUntil,
} from '../../participants/rules/lockout.js';
import { accountIdFor, loginNameProblem, normaliseLoginName } from '../../participants/rules/login-names.js';
import {
  DEFAULT_NOTICE_DAYS,
  effectiveTime,
  revocationTimingProblem,
} from '../../participants/rules/notice-periods.js';
import {
  generatePassword,
  hashPassword,
  passwordMatches,
  passwordProblem,
} from '../../participants/rules/passwords.js';
import {
  REJECTION_REASON_CODES,
  REJECTION_REASONS,
  REVOCABLE_WITHOUT_NOTICE,
  REVOCATION_REASON_CODES,
  REVOCATION_REASONS,
  SERVICE_SUSPENSION_REASON_CODES,
  SERVICE_SUSPENSION_REASONS,
  type RevocationReason,
} from '../../participants/rules/reason-codes.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The statuses from which `action` is allowed, by asking transitionProblem about every status. */
function allowedFrom(action: LifecycleAction): ParticipantStatus[] {
  return PARTICIPANT_STATUSES.filter((status) => transitionProblem(status, action) === undefined);
}

describe('art. 3: application, approval, rejection, lapse and start date', () => {
  it('approves or rejects an application only while it is "applied" or "awaiting_applicant"', () => {
    expect(allowedFrom('approve')).toEqual(['applied', 'awaiting_applicant']);
    expect(allowedFrom('reject')).toEqual(['applied', 'awaiting_applicant']);
  });

  it('refuses to approve an already rejected application, naming the current status and the allowed ones', () => {
    expect(transitionProblem('rejected', 'approve')).toBe(
      'The participant is "rejected"; "approve" is possible only from "applied", "awaiting_applicant".',
    );
    expect(transitionProblem('approved', 'reject')).toContain('"approved"');
  });

  it('asks the applicant for an answer only before the decision, and takes the answer only while awaiting it', () => {
    expect(allowedFrom('request_answer')).toEqual(['applied', 'awaiting_applicant']);
    expect(allowedFrom('applicant_answer')).toEqual(['awaiting_applicant']);
  });

  it("lets only an application awaiting the applicant's answer lapse (art. 3 (4) deadline)", () => {
    expect(allowedFrom('lapse')).toEqual(['awaiting_applicant']);
    expect(transitionProblem('applied', 'lapse')).toBe(
      'The participant is "applied"; "lapse" is possible only from "awaiting_applicant".',
    );
  });

  it('starts the service (the start date, 利用開始日) only from "approved"', () => {
    expect(allowedFrom('start')).toEqual(['approved']);
    expect(transitionProblem('applied', 'start')).toBe(
      'The participant is "applied"; "start" is possible only from "approved".',
    );
    expect(transitionProblem('active', 'start')).toBeDefined();
  });

  it('has exactly six rejection reason codes, one per item of art. 3', () => {
    expect(REJECTION_REASON_CODES).toEqual([
      'technically_infeasible',
      'breach_or_risk',
      'false_statement',
      'no_answer_by_deadline',
      'refused_survey',
      'other_hindrance',
    ]);
  });

  it('words each rejection reason in Japanese and English, naming 第3条第N号 / art. 3 (N) in order', () => {
    REJECTION_REASON_CODES.forEach((code, index) => {
      const n = index + 1;
      const wording = REJECTION_REASONS[code];
      expect(wording.ja).toContain(`第3条第${n}号`);
      expect(wording.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(wording.en).toContain(`art. 3 (${n})`);
      expect(wording.en).toMatch(/^[\x20-\x7e]+$/);
    });
  });

  it('can revoke an approval on the six art. 3 grounds as well as the art. 7 grounds', () => {
    expect(REVOCATION_REASON_CODES).toHaveLength(10);
    for (const code of REJECTION_REASON_CODES) expect(REVOCATION_REASONS[code]).toEqual(REJECTION_REASONS[code]);
    for (const code of ['breach_of_terms', 'fraud_violence_threat', 'emergency', 'organised_crime'] as const) {
      expect(REVOCATION_REASONS[code].ja).toContain('第7条');
      expect(REVOCATION_REASONS[code].en).toContain('art. 7');
    }
  });
});

describe('art. 6, 7, 9, 19: leaving the trial', () => {
  it('takes a withdrawal request from "approved" or "active", and completes only a requested withdrawal', () => {
    expect(allowedFrom('request_withdrawal')).toEqual(['approved', 'active']);
    expect(allowedFrom('complete_withdrawal')).toEqual(['withdrawal_requested']);
  });

  it('revokes, ends use, succeeds (art. 4) and sets an end date only while the participant takes part', () => {
    for (const action of ['revoke', 'end_use', 'succeed', 'set_end_date'] as const) {
      expect(allowedFrom(action)).toEqual(['approved', 'active', 'withdrawal_requested']);
    }
  });

  it('updates registered details (art. 20) from application until the participant leaves', () => {
    expect(allowedFrom('update_details')).toEqual([
      'applied',
      'awaiting_applicant',
      'approved',
      'active',
      'withdrawal_requested',
    ]);
  });

  it('ends participation on withdrawal, revocation, end of use and succession', () => {
    expect([...ENDED_STATUSES]).toEqual(['withdrawn', 'revoked', 'ended', 'succeeded']);
    for (const status of ENDED_STATUSES) expect(participantHasAccess(status)).toBe(false);
  });
});

describe('art. 7: revocation with or without prior notice', () => {
  it('allows revoking without prior notice only for "emergency" and "organised_crime"', () => {
    expect([...REVOCABLE_WITHOUT_NOTICE].sort()).toEqual(['emergency', 'organised_crime']);
    const withoutNotice = REVOCATION_REASON_CODES.filter(
      (reason) => revocationTimingProblem(reason, false) === undefined,
    );
    expect(withoutNotice.sort()).toEqual(['emergency', 'organised_crime']);
  });

  it('names art. 7 when another reason is used without prior notice', () => {
    const problem = revocationTimingProblem('breach_of_terms', false);
    expect(problem).toBe(
      'Revocation without prior notice is allowed only for "emergency" or "organised_crime" (art. 7); "breach_of_terms" needs prior notice.',
    );
    for (const reason of ['false_statement', 'fraud_violence_threat'] satisfies RevocationReason[]) {
      expect(revocationTimingProblem(reason, false)).toContain('(art. 7)');
    }
  });

  it('accepts every reason with prior notice', () => {
    for (const reason of REVOCATION_REASON_CODES) expect(revocationTimingProblem(reason, true)).toBeUndefined();
  });

  it('takes effect at once without notice', () => {
    const now = new Date('2026-06-01T03:00:00Z');
    expect(effectiveTime({ withNotice: false, now })).toEqual({ ok: true, immediate: true, effectiveAt: now });
  });

  it('with notice, defaults to DEFAULT_NOTICE_DAYS (14) days ahead', () => {
    expect(DEFAULT_NOTICE_DAYS).toBe(14);
    const now = new Date('2026-06-01T03:00:00Z');
    expect(effectiveTime({ withNotice: true, now })).toEqual({
      ok: true,
      immediate: false,
      effectiveAt: new Date('2026-06-15T03:00:00Z'),
    });
    expect(effectiveTime({ withNotice: true, now, defaultNoticeDays: 3 })).toEqual({
      ok: true,
      immediate: false,
      effectiveAt: new Date(now.getTime() + 3 * DAY),
    });
  });

  it('with notice, accepts a named time in the future', () => {
    const now = new Date('2026-06-01T03:00:00Z');
    const at = new Date('2026-06-02T00:00:00Z');
    expect(effectiveTime({ withNotice: true, effectiveAt: at, now })).toEqual({
      ok: true,
      immediate: false,
      effectiveAt: at,
    });
  });

  it('with notice, refuses a time that is now or in the past', () => {
    const now = new Date('2026-06-01T03:00:00Z');
    for (const at of [now, new Date(now.getTime() - 1)]) {
      const result = effectiveTime({ withNotice: true, effectiveAt: at, now });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problem).toContain('must be in the future');
    }
  });
});

describe('art. 9 and 16: JST calendar dates, end of use and deletion deadlines', () => {
  it('maps an instant to its JST calendar date', () => {
    expect(jstDateOf(new Date('2026-11-24T15:30:00Z'))).toBe('2026-11-25');
    expect(jstDateOf(new Date('2026-11-24T14:59:59.999Z'))).toBe('2026-11-24');
    expect(jstDateOf(new Date('2026-11-24T15:00:00Z'))).toBe('2026-11-25');
  });

  it('begins a JST day at 15:00 UTC of the day before', () => {
    expect(startOfJstDay('2026-11-25').toISOString()).toBe('2026-11-24T15:00:00.000Z');
    expect(startOfJstDay('2024-01-01').toISOString()).toBe('2023-12-31T15:00:00.000Z');
  });

  it('adds days across month and year ends, and leap days', () => {
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-01-31', 30)).toBe('2023-03-02');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
  });

  it('has not ended use on the end date itself in JST (its last moment)', () => {
    expect(useHasEnded('2026-03-31', null, new Date('2026-03-31T14:59:59.999Z'))).toBe(false);
    expect(useHasEnded('2026-03-31', null, new Date('2026-03-30T15:00:00Z'))).toBe(false);
  });

  it('has ended use from the first moment of the next JST day', () => {
    expect(useHasEnded('2026-03-31', null, new Date('2026-03-31T15:00:00Z'))).toBe(true);
    expect(useHasEnded('2026-03-31', null, new Date('2026-04-05T00:00:00Z'))).toBe(true);
  });

  it('ends use on the trial end date too, whichever of the two dates comes first', () => {
    const nextDayOfTrialEnd = new Date('2026-03-31T15:00:00Z');
    expect(useHasEnded(null, '2026-03-31', nextDayOfTrialEnd)).toBe(true);
    expect(useHasEnded('2026-06-30', '2026-03-31', nextDayOfTrialEnd)).toBe(true);
    expect(useHasEnded('2026-03-31', '2026-06-30', nextDayOfTrialEnd)).toBe(true);
    expect(useHasEnded('2026-06-30', '2026-06-30', nextDayOfTrialEnd)).toBe(false);
  });

  it('never ends use without an end date or a trial end date', () => {
    expect(useHasEnded(null, null, new Date('2099-01-01T00:00:00Z'))).toBe(false);
  });

  it('sets the deletion deadline to the end date plus the retention days', () => {
    const none = { deletion_deadline: null, deletion_basis: '' };
    expect(deadlineOnLeaving(none, '2026-03-31', 30)).toEqual({ deadline: '2026-04-30', basis: 'default' });
    expect(deadlineOnLeaving(none, '2023-12-31', 1)).toEqual({ deadline: '2024-01-01', basis: 'default' });
  });

  it('uses the date agreed with the participant instead, when there is one', () => {
    expect(deadlineOnLeaving({ deletion_deadline: null, deletion_basis: '' }, '2026-03-31', 30, '2026-04-10')).toEqual({
      deadline: '2026-04-10',
      basis: 'agreed',
    });
  });
});

describe('art. 20: who has access, and locking out password guessing', () => {
  it('gives access only to approved, active and withdrawal_requested participants', () => {
    expect(PARTICIPANT_STATUSES.filter(participantHasAccess)).toEqual(['approved', 'active', 'withdrawal_requested']);
  });

  it('enrolls devices only for approved and active participants', () => {
    expect(PARTICIPANT_STATUSES.filter(participantMayEnrollDevices)).toEqual(['approved', 'active']);
  });

  const now = new Date('2026-06-01T03:00:00Z');
  const minutesAgo = (...minutes: number[]) => minutes.map((m) => new Date(now.getTime() - m * MINUTE));

  it('locks after 5 failures within 15 minutes, for 15 minutes', () => {
    expect(FAILURES_TO_LOCK).toBe(5);
    expect(FAILURE_WINDOW_MS).toBe(15 * MINUTE);
    expect(LOCK_DURATION_MS).toBe(15 * MINUTE);
  });

  it('does not lock after 4 failures within 15 minutes', () => {
    expect(lockedUntil(minutesAgo(1, 2, 3, 4), now)).toBeUndefined();
  });

  it('locks after the 5th failure until 15 minutes after the last one', () => {
    expect(lockedUntil(minutesAgo(1, 2, 3, 4, 5), now)).toEqual(new Date(now.getTime() + 14 * MINUTE));
    expect(lockedUntil(minutesAgo(0, 0, 0, 0, 0), now)).toEqual(new Date(now.getTime() + 15 * MINUTE));
  });

  it('does not count failures older than the window', () => {
    // Five failures, but the oldest is 16 minutes before the last: not five within one window.
    expect(lockedUntil(minutesAgo(1, 2, 3, 4, 17), now)).toBeUndefined();
    expect(lockedUntil(minutesAgo(1, 2, 3, 4, 20, 30, 60), now)).toBeUndefined();
    expect(lockedUntil(minutesAgo(1, 2, 3, 4, 14.9), now)).toEqual(new Date(now.getTime() + 14 * MINUTE));
  });

  it('counts down the attempts left, never below zero', () => {
    expect(attemptsLeft([], now)).toBe(5);
    expect(attemptsLeft(minutesAgo(1), now)).toBe(4);
    expect(attemptsLeft(minutesAgo(1, 2, 3, 4), now)).toBe(1);
    expect(attemptsLeft(minutesAgo(1, 2, 3, 4, 5), now)).toBe(0);
    expect(attemptsLeft(minutesAgo(1, 2, 3, 4, 5, 6), now)).toBe(0);
    expect(attemptsLeft(minutesAgo(1, 20), now)).toBe(4);
  });

  // The window is measured back from the LAST failure, not from now: failures at 0-4 min lock
  // until 19 min, even at 16 min when the first of them is more than 15 minutes old.
  it('keeps the lock for 15 minutes after the last failure even when the first leaves the window', () => {
    const first = new Date('2026-06-01T03:00:00Z');
    const failures = [0, 1, 2, 3, 4].map((m) => new Date(first.getTime() + m * MINUTE));
    const lockEnds = new Date(first.getTime() + 19 * MINUTE);
    expect(lockedUntil(failures, new Date(first.getTime() + 5 * MINUTE))).toEqual(lockEnds);
    expect(lockedUntil(failures, new Date(first.getTime() + 16 * MINUTE))).toEqual(lockEnds);
  });
});

describe('login names', () => {
  it('normalises with NFKC, trimming and lower-casing', () => {
    expect(normaliseLoginName('Ｙａｍａｄａ@Example.JP ')).toBe('yamada@example.jp');
    expect(normaliseLoginName('  Tanaka.Taro@EXAMPLE.jp')).toBe('tanaka.taro@example.jp');
  });

  it('derives the same account id from the same name, and different ids from different names', () => {
    const id = accountIdFor('yamada@example.jp');
    expect(accountIdFor('yamada@example.jp')).toBe(id);
    expect(accountIdFor(normaliseLoginName('Ｙａｍａｄａ@Example.JP '))).toBe(id);
    expect(accountIdFor('yamada2@example.jp')).not.toBe(id);
    expect(accountIdFor('tanaka.taro@example.jp')).not.toBe(id);
  });

  it('derives a valid UUID string with version nibble 8 and the RFC 4122 variant', () => {
    for (const name of ['yamada@example.jp', 'tanaka.taro@example.jp', 'abc', 'x'.repeat(64)]) {
      expect(accountIdFor(name)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('refuses names that are too short, contain spaces or start with a symbol', () => {
    expect(loginNameProblem('ab')).toContain('3-64 characters');
    expect(loginNameProblem('tanaka taro')).toBeDefined();
    expect(loginNameProblem(normaliseLoginName('tanaka　taro'))).toBeDefined();
    expect(loginNameProblem('.tanaka')).toBeDefined();
    expect(loginNameProblem('a'.repeat(65))).toBeDefined();
  });

  it('accepts an e-mail address and names of 3 and 64 characters', () => {
    expect(loginNameProblem('tanaka.taro@example.jp')).toBeUndefined();
    expect(loginNameProblem('abc')).toBeUndefined();
    expect(loginNameProblem('a'.repeat(64))).toBeUndefined();
    expect(loginNameProblem('user_1+desk-a')).toBeUndefined();
  });
});

describe('art. 20: passwords', () => {
  const login = 'tanaka.taro@example.jp';

  it('refuses a password shorter than 12 characters', () => {
    expect(passwordProblem('Ab3$efGh9!k', login)).toBe('The password must have at least 12 characters.');
    expect(passwordProblem('Ab3$efGh9!kM', login)).toBeUndefined();
  });

  it('refuses a password with too few distinct characters', () => {
    expect(passwordProblem('aaaaaaaaaaaaaaaa', login)).toBe('The password must not repeat so few characters.');
    expect(passwordProblem('abcabcabcabcabc', login)).toBe('The password must not repeat so few characters.');
  });

  it('refuses a password containing the login name, in any case', () => {
    expect(passwordProblem('x7-tanaka.taro@example.jp-Q', login)).toBe('The password must not contain the login name.');
    expect(passwordProblem('TANAKA.TARO@EXAMPLE.JP!9', login)).toBe('The password must not contain the login name.');
  });

  it('accepts a strong password', () => {
    expect(passwordProblem('correct-Horse-battery-9', login)).toBeUndefined();
  });

  it('generates 16 characters without look-alikes (0, O, 1, l, I) that pass the policy', () => {
    for (let i = 0; i < 50; i++) {
      const password = generatePassword();
      expect(password).toHaveLength(16);
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
      expect(password).not.toMatch(/[0O1lI]/);
      expect(passwordProblem(password, login)).toBeUndefined();
    }
    expect(generatePassword(20)).toHaveLength(20);
  });

  it('hashes with argon2id (19 MiB, 2 passes), not storing the password, and the hash matches it', async () => {
    const hashed = await hashPassword('correct-Horse-battery-9');
    expect(hashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hashed).not.toContain('correct-Horse-battery-9');
    expect(await passwordMatches(hashed, 'correct-Horse-battery-9')).toBe(true);
  });
});

describe('art. 8: service suspension reasons', () => {
  it('has six reasons, each worded in Japanese and English naming art. 8', () => {
    expect(SERVICE_SUSPENSION_REASON_CODES).toEqual([
      'maintenance',
      'unauthorised_access_defence',
      'disaster',
      'malfunction',
      'legal_request',
      'other',
    ]);
    for (const code of SERVICE_SUSPENSION_REASON_CODES) {
      expect(SERVICE_SUSPENSION_REASONS[code].ja).toContain('第8条');
      expect(SERVICE_SUSPENSION_REASONS[code].en).toContain('art. 8');
    }
  });
});

describe('art. 1: start dates within the trial period', () => {
  it('refuses a start before or after the trial with the period named, and passes any date while none is set', () => {
    const trial = { starts_on: '2026-04-01', ends_on: '2027-03-31' };
    expect(startDateProblem('2020-01-01', trial)).toMatch(/before the trial period begins \(2026-04-01\)/);
    expect(startDateProblem('2027-04-01', trial)).toMatch(/after the trial period ends \(2027-03-31\)/);
    expect(startDateProblem('2026-04-01', trial)).toBeUndefined();
    expect(startDateProblem('2027-03-31', trial)).toBeUndefined();
    expect(startDateProblem('2026-10-01', { starts_on: '2026-04-01', ends_on: null })).toBeUndefined();
    expect(startDateProblem('2020-01-01', undefined)).toBeUndefined();
  });
});
