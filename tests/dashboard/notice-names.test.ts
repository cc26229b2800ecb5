import { describe, expect, it } from 'vitest';
import { NOTICE_SUBJECTS } from '../../dashboard/src/pages/participant-admin/notice-subjects.js';
import { NOTICE_TEXTS } from '../../notices/notice-texts.js';
import { REVOCATION_REASONS } from '../../participants/rules/reason-codes.js';

/**
 * The participant page's confirmations name the notice a decision will send before it is sent; the names must be
 * the subjects the server then writes (notices/notice-texts.ts), in both languages.
 */
describe('the notices named in the confirmations', () => {
  it('are the subjects the server sends', () => {
    const reason = REVOCATION_REASONS.breach_of_terms;
    const sent = {
      revocation_scheduled: NOTICE_TEXTS.revocation_scheduled({ reason, periodDays: 14, expectedAt: 'x' }),
      participation_revoked: NOTICE_TEXTS.participation_revoked({ reason }),
      participation_ended: NOTICE_TEXTS.participation_ended({ kind: 'withdrawn', deletionDeadline: '2027-01-01' }),
      succession_recorded: NOTICE_TEXTS.succession_recorded({ predecessor: 'a', successor: 'b', kind: 'merger' }),
    };
    for (const [kind, text] of Object.entries(sent)) {
      expect(NOTICE_SUBJECTS.ja[kind as keyof typeof sent], kind).toBe(text.subject_ja);
      expect(NOTICE_SUBJECTS.en[kind as keyof typeof sent], kind).toBe(text.subject_en);
    }
  });
});
