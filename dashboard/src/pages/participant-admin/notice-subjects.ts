/**
 * The subjects of the notices the participant page's decisions send, as the server writes them
 * (notices/notice-texts.ts). Plain data, so tests/dashboard/notice-names.test.ts holds them equal to the server's.
 */
export const NOTICE_SUBJECTS = {
  ja: {
    revocation_scheduled: '【よろず相談窓口】参加資格取消しの予告',
    participation_revoked: '【よろず相談窓口】参加資格取消しのお知らせ',
    participation_ended: '【よろず相談窓口】退会手続き完了のお知らせ',
    succession_recorded: '【よろず相談窓口】地位承継の登録',
  },
  en: {
    revocation_scheduled: '[Yorozu desk] Notice of revocation',
    participation_revoked: '[Yorozu desk] Participation revoked',
    participation_ended: '[Yorozu desk] Your withdrawal is complete',
    succession_recorded: '[Yorozu desk] Succession recorded',
  },
} as const;
