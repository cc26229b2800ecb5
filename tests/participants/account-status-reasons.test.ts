import { describe, expect, it } from 'vitest';
import { ACCOUNT_STATUS_REASONS } from '../../contract/common.js';
import { ACCOUNT_STATUS_REASON_TEXTS } from '../../dashboard/src/i18n/account-status-reason-texts.js';
import { accountStatusReason, readAccountStatusReason } from '../../participants/rules/account-status-reasons.js';

/** An account's status reason: what the server records is read back as a code the dashboard words in each language. */
describe('account status reasons', () => {
  it('reads back every reason the server writes as its code and detail', () => {
    expect(readAccountStatusReason(accountStatusReason.participationEnded('revoked', 'emergency'))).toEqual({
      code: 'participation_revoked',
      detail: 'emergency',
    });
    expect(readAccountStatusReason(accountStatusReason.participationEnded('withdrawn', 'withdrawal'))).toEqual({
      code: 'participation_withdrawn',
      detail: 'withdrawal',
    });
    expect(readAccountStatusReason(accountStatusReason.participationEnded('ended', 'end_of_use'))).toEqual({
      code: 'participation_ended',
      detail: 'end_of_use',
    });
    expect(readAccountStatusReason(accountStatusReason.succeeded('株式会社あとやま (旧 (株) まえだ)'))).toEqual({
      code: 'succeeded',
      detail: '株式会社あとやま (旧 (株) まえだ)',
    });
    expect(readAccountStatusReason(accountStatusReason.reinstated('確認済み\\n二行目'))).toEqual({
      code: 'reinstated',
      detail: '確認済み\\n二行目',
    });
  });

  it("keeps the desk's own words as they are, and no reason as none", () => {
    expect(readAccountStatusReason('不審なサインインが続いたため')).toEqual({
      code: 'desk',
      detail: '不審なサインインが続いたため',
    });
    expect(readAccountStatusReason('')).toEqual({ code: 'none', detail: '' });
  });

  it('has text for every code but none in both languages, with no server English in the Japanese', () => {
    for (const code of ACCOUNT_STATUS_REASONS) {
      if (code === 'none') continue;
      const ja = ACCOUNT_STATUS_REASON_TEXTS.ja[code];
      const en = ACCOUNT_STATUS_REASON_TEXTS.en[code];
      expect(ja, code).toMatch(/[ぁ-んァ-ン一-龯]/);
      expect(ja, code).not.toMatch(/participation|reinstated|succeeded/);
      expect(en, code).toMatch(/^[\x20-\x7e]+$/);
      // The detail (the desk's words, the successor) is shown where the sentence needs it, in both languages.
      const needsDetail = code === 'desk' || code === 'reinstated' || code === 'succeeded';
      expect([ja.includes('{detail}'), en.includes('{detail}')], code).toEqual([needsDetail, needsDetail]);
    }
  });
});
