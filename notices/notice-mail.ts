import type { NoticeText } from './notice-texts.js';

/**
 * The mail a notice goes out as: Japanese first, English second, and the read-only link to all of
 * the recipient's notices (it keeps working after participation ends, while the data is kept).
 */
export function noticeMailText(text: NoticeText, link: string | undefined): string {
  const linkJa = link ? `\n\nこれまでのお知らせ（閲覧専用・ログイン不要、データ保存期間中有効）:\n${link}` : '';
  const linkEn = link ? `\n\nAll your notices (read-only, no sign-in, valid while your data is kept):\n${link}` : '';
  return [
    `${text.body_ja}${linkJa}`,
    '本通知は、電子メールを送信した時をもって到達したものとみなします（利用規約第21条第2号）。',
    '---- English ----',
    `${text.subject_en}\n\n${text.body_en}${linkEn}`,
    'This notice counts as delivered when this mail was sent (terms art. 21 (2)).',
  ].join('\n\n');
}
