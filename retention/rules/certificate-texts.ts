/**
 * The words of the deletion certificate: its A4 page (HTML that headless Chromium prints to PDF) and
 * the mail that carries it. Japanese first; the mail repeats the essentials in English.
 */
interface CertificateView {
  certificateId: string;
  participant: { participantId: string; organisation: string; registeredEmail: string };
  deadline: { date: string; basis: string; agreedWith: string; agreedAt: string | null; agreedAtJst: string | null };
  deletion: { startedAtJst: string; finishedAtJst: string };
  dataKinds: { label: string; tables: { table: string; rowsBefore: number; rowsAfter: number }[] }[];
  files: { before: number; after: number };
  verification: { result: string };
  kept: string[];
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const number = (n: number) => n.toLocaleString('ja-JP');

export function certificateHtml(document: Record<string, unknown>, sha256: string): string {
  const c = document as unknown as CertificateView;
  const basis =
    c.deadline.basis === 'agreed'
      ? `貴社との合意による期日（合意者: ${escape(c.deadline.agreedWith)}、合意日時: ${escape(c.deadline.agreedAtJst ?? '')}）`
      : '当窓口が定めた期日';
  const rows = c.dataKinds
    .map((kind) =>
      kind.tables
        .map(
          (t, index) =>
            `<tr>${index === 0 ? `<th rowspan="${kind.tables.length}">${escape(kind.label)}</th>` : ''}<td>${escape(t.table)}</td><td class="n">${number(t.rowsBefore)}</td><td class="n">${number(t.rowsAfter)}</td></tr>`,
        )
        .join(''),
    )
    .join('');
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>削除証明書</title><style>
@page { size: A4; margin: 18mm 16mm; }
body { font-family: 'Noto Sans CJK JP', 'Noto Sans JP', 'IPAexGothic', sans-serif; font-size: 10.5pt; color: #111; }
h1 { text-align: center; letter-spacing: 0.5em; font-size: 20pt; margin: 0 0 6mm; }
dl { display: grid; grid-template-columns: 38mm 1fr; gap: 1.5mm 4mm; margin: 0 0 5mm; }
dt { font-weight: bold; } dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 3mm 0 5mm; font-size: 9.5pt; }
th, td { border: 0.3mm solid #555; padding: 1mm 2mm; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.hash { font-family: monospace; font-size: 9pt; overflow-wrap: anywhere; }
.result { font-size: 13pt; font-weight: bold; }
</style></head><body>
<h1>削除証明書</h1>
<p>${escape(c.participant.organisation)} 御中</p>
<p>利用規約第16条に基づき、貴社の保存データ及び生成等データを下記のとおり削除したことを証明します。</p>
<dl>
<dt>証明書番号</dt><dd>${escape(c.certificateId)}</dd>
<dt>参加者ID</dt><dd>${escape(c.participant.participantId)}</dd>
<dt>登録メールアドレス</dt><dd>${escape(c.participant.registeredEmail || '（登録なし）')}</dd>
<dt>削除期限</dt><dd>${escape(c.deadline.date)}（${basis}）</dd>
<dt>削除日時</dt><dd>${escape(c.deletion.startedAtJst)} 〜 ${escape(c.deletion.finishedAtJst)}</dd>
<dt>検証結果</dt><dd class="result">${c.verification.result === 'passed' ? '完了（全テーブル 0 件、ファイル 0 件）' : '未完了'}</dd>
</dl>
<table><thead><tr><th>データの種類</th><th>テーブル</th><th>削除前（件）</th><th>削除後（件）</th></tr></thead><tbody>${rows}
<tr><th>ファイル</th><td>ディスク上のファイル</td><td class="n">${number(c.files.before)}</td><td class="n">${number(c.files.after)}</td></tr></tbody></table>
<p>削除後も残るもの:</p><ul>${c.kept.map((k) => `<li>${escape(k)}</li>`).join('')}</ul>
<p>この証明書の JSON ファイル（同封）の SHA-256:</p><p class="hash">${escape(sha256)}</p>
<p>JSON ファイルから同じ値が得られることで、内容が改ざんされていないことを確認できます（例: <code>sha256sum deletion-certificate.json</code>）。</p>
<p style="text-align:right">セキュリティよろず相談窓口</p>
</body></html>`;
}

export function certificateMailText(
  document: Record<string, unknown>,
  sha256: string,
): { subject: string; text: string } {
  const c = document as unknown as CertificateView;
  const total = c.dataKinds.reduce((sum, kind) => sum + kind.tables.reduce((s, t) => s + t.rowsBefore, 0), 0);
  return {
    subject: '【よろず相談窓口】データ削除完了と削除証明書の送付 / Your data was deleted: deletion certificate',
    text: [
      `${c.participant.organisation} 御中`,
      '',
      `利用規約第16条に基づき、貴社の保存データ及び生成等データ（計 ${number(total)} 件）とファイルを削除しました。`,
      `削除日時: ${c.deletion.finishedAtJst}（削除期限 ${c.deadline.date}）`,
      '検証: すべてのテーブルで 0 件、ファイル 0 件を確認しました。',
      '',
      '削除証明書を PDF と JSON で添付します。JSON ファイルの SHA-256 は次のとおりです。',
      sha256,
      '（sha256sum deletion-certificate.json で同じ値になることを確認できます。）',
      '',
      'We deleted your stored and generated data (terms art. 16) and verified that none is left. The deletion',
      `certificate is attached as PDF and JSON; the SHA-256 of the JSON file is ${sha256}.`,
      '',
      'セキュリティよろず相談窓口',
    ].join('\n'),
  };
}
