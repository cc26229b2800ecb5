import { fromClickHouseTime } from '../common/clickhouse-time.js';
import { jstDateOf } from '../common/jst-time.js';
import type { NoticeRecord } from './notice-store.js';

/**
 * A notice as a printed letter (art. 21 (3)): A4, Japanese layout, for a window envelope (長形3号):
 * the postal code and registered address top left where the window is, the organisation 御中 and
 * its contact 様 below, the date and sender top right, the subject centred, then the text. Rendered
 * to PDF by the shared headless Chromium (no script, no network: everything is in the HTML).
 */
export interface LetterRecipient {
  postalAddress: string;
  organisation: string;
  contactName: string;
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
const paragraphs = (text: string): string => escape(text).replace(/\n/g, '<br>');

/** "〒100-0005 東京都…" or "100-0005 東京都…" → the code and the rest; an address without one prints as is. */
export function splitPostalCode(address: string): { code: string; rest: string } {
  const match = /^\s*〒?\s*(\d{3})-?(\d{4})\s*(.*)$/su.exec(address);
  return match ? { code: `${match[1]}-${match[2]}`, rest: match[3]!.trim() } : { code: '', rest: address.trim() };
}

/** 2026-12-05 → 2026年12月5日 */
function japaneseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function postalLetterHtml(notice: NoticeRecord, to: LetterRecipient, sender: string): string {
  const { code, rest } = splitPostalCode(to.postalAddress);
  const date = japaneseDate(jstDateOf(fromClickHouseTime(notice.created_at)));
  return `<!doctype html>
<html lang="ja">
<head><meta charset="utf-8"><title>${escape(notice.subject_ja)}</title>
<style>
@page { size: A4; margin: 0; }
body { margin: 0; font-family: "Noto Serif CJK JP", "Noto Sans CJK JP", serif; font-size: 10.5pt; line-height: 1.7; color: #000; }
.sheet { position: relative; width: 210mm; height: 297mm; box-sizing: border-box; padding: 20mm 22mm; }
.window { position: absolute; top: 18mm; left: 22mm; width: 95mm; height: 40mm; }
.code { font-size: 11pt; letter-spacing: 0.1em; }
.address { font-size: 11pt; margin-top: 1mm; }
.name { font-size: 12pt; margin-top: 3mm; }
.meta { position: absolute; top: 18mm; right: 22mm; text-align: right; }
.content { margin-top: 58mm; }
h1 { font-size: 14pt; text-align: center; margin: 0 0 8mm; }
.end { text-align: right; }
.reference { position: absolute; bottom: 14mm; left: 22mm; right: 22mm; font-size: 8pt; color: #333; border-top: 0.3mm solid #999; padding-top: 2mm; }
</style></head>
<body><div class="sheet">
<div class="window" data-part="recipient">
${code ? `<div class="code">〒${escape(code)}</div>` : ''}
<div class="address">${paragraphs(rest)}</div>
<div class="name">${escape(to.organisation)} 御中${to.contactName ? `<br>${escape(to.contactName)} 様` : ''}</div>
</div>
<div class="meta"><div>${escape(date)}</div><div>${escape(sender)}</div></div>
<div class="content">
<h1>${escape(notice.subject_ja)}</h1>
<p>${paragraphs(notice.body_ja)}</p>
<p class="end">以上</p>
</div>
<div class="reference">本書は規約第21条第3項に基づく郵送による通知です。到達した時点で通知が到達したものとみなします。 通知番号: ${escape(notice.notice_id)}</div>
</div></body></html>`;
}
