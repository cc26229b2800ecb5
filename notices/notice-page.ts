import { formatJst } from '../common/jst-time.js';
import { fromClickHouseTime } from '../common/clickhouse-time.js';
import type { NoticeRecord } from './notice-store.js';

/**
 * The read-only page a notice mail links to: the participant's notices, newest first, Japanese
 * first and English after, times in JST. Plain server-rendered HTML (no script, no inline style),
 * so it works without the dashboard and within the strict CSP.
 */
const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
const paragraphs = (text: string): string => escape(text).replace(/\n/g, '<br>');

export function noticeLinkPage(notices: readonly NoticeRecord[]): string {
  const items = notices
    .map(
      (n) => `<article>
<h2>${escape(n.subject_ja)}</h2>
<p><time datetime="${escape(fromClickHouseTime(n.created_at).toISOString())}">${escape(formatJst(fromClickHouseTime(n.created_at)))} (JST)</time></p>
<p lang="ja">${paragraphs(n.body_ja)}</p>
<details lang="en"><summary>${escape(n.subject_en)}</summary><p>${paragraphs(n.body_en)}</p></details>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="ja">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>よろず相談窓口 お知らせ / Notices</title></head>
<body>
<h1>よろず相談窓口からのお知らせ <small lang="en">Notices from the Yorozu desk</small></h1>
<p>閲覧専用のページです。データの保存期間中はこのリンクでご覧いただけます。 <span lang="en">Read-only; this link works while your data is kept.</span></p>
${items || '<p>お知らせはありません。 <span lang="en">No notices.</span></p>'}
</body>
</html>`;
}
