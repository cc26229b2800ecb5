import { defineMessages } from '../../i18n/i18n.js';

/**
 * The notices that the desk's decisions on this page send (their subjects as the server writes them,
 * notices/notice-texts.ts), named in the confirmations before the decision is made.
 */
export const noticeName = defineMessages(
  {
    revocation_scheduled: '【よろず相談窓口】参加資格取消しの予告',
    participation_revoked: '【よろず相談窓口】参加資格取消しのお知らせ',
    participation_ended: '【よろず相談窓口】退会手続き完了のお知らせ',
    succession_recorded: '【よろず相談窓口】地位承継の登録',
  },
  {
    revocation_scheduled: '[Yorozu desk] Notice of revocation',
    participation_revoked: '[Yorozu desk] Participation revoked',
    participation_ended: '[Yorozu desk] Your withdrawal is complete',
    succession_recorded: '[Yorozu desk] Succession recorded',
  },
);

export const noticeWording = defineMessages(
  {
    sentTo: 'お知らせ「{notice}」を {name}（{email}）宛にポータルへの掲示とメールで送ります。',
    sentToNoEmail:
      'お知らせ「{notice}」を {name} のポータルに掲示します（メールアドレスが登録されていないためメールは送りません）。',
  },
  {
    sentTo: 'The notice "{notice}" goes to {name} ({email}), posted on the portal and by e-mail.',
    sentToNoEmail:
      'The notice "{notice}" is posted on the portal of {name} (no e-mail address is registered, so no e-mail).',
  },
);

/** The sentence naming a notice and its recipient. */
export function noticeSentence(notice: Parameters<typeof noticeName>[0], name: string, email: string): string {
  return email
    ? noticeWording('sentTo', { notice: noticeName(notice), name, email })
    : noticeWording('sentToNoEmail', { notice: noticeName(notice), name });
}
