import { defineMessages } from '../../i18n/i18n.js';
import { NOTICE_SUBJECTS } from './notice-subjects.js';

/**
 * The notices that the desk's decisions on this page send (their subjects as the server writes them,
 * notices/notice-texts.ts), named in the confirmations before the decision is made. A unit test
 * (tests/dashboard/notice-names.test.ts) holds them equal to the server's.
 */
export const noticeName = defineMessages(NOTICE_SUBJECTS.ja, NOTICE_SUBJECTS.en);

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
