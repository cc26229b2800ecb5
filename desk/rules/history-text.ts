import type { Localised } from '../../contract/common.js';

/**
 * What one entry of a ticket's history says, in Japanese and English, from its change code and detail (issue 19,
 * item 7: the dashboard shows the reader's language and never a raw key or code). Pure: unit-tested without a
 * database. `names` turns account ids (the assignee) into operators' names.
 */
const WORDS: Record<string, Localised> = {
  new: { ja: '新規', en: 'new' },
  open: { ja: '対応中', en: 'open' },
  awaiting_participant: { ja: 'お客様の回答待ち', en: 'awaiting the participant' },
  resolved: { ja: '解決済み', en: 'resolved' },
  closed: { ja: '完了', en: 'closed' },
  installation: { ja: '導入・インストール', en: 'installation' },
  software_fault: { ja: 'ソフトウェアの不具合', en: 'software fault' },
  service_usage: { ja: 'サービスの利用方法', en: 'using the service' },
  security_question: { ja: 'セキュリティの相談', en: 'security question' },
  other: { ja: 'その他・未分類', en: 'other / unsorted' },
  portal: { ja: 'ポータル', en: 'the portal' },
  email: { ja: 'メール', en: 'e-mail' },
  phone: { ja: '電話', en: 'phone' },
  desk: { ja: '窓口から連絡', en: 'reaching out from the desk' },
  dashboard: { ja: 'ダッシュボード', en: 'the dashboard' },
  participant_message: { ja: 'お客様のメッセージ', en: "the participant's message" },
  operator_reply: { ja: '窓口からの回答', en: "the desk's answer" },
  internal_note: { ja: '内部メモ', en: 'an internal note' },
  phone_call: { ja: '電話', en: 'a phone call' },
  diagnostics_answer: { ja: '診断情報の回答', en: 'the diagnostics answer' },
  operator: { ja: 'オペレーターの操作', en: "an operator's action" },
  participant_resolved: { ja: 'お客様が解決を確認', en: 'the participant confirmed it is resolved' },
  auto_close: { ja: '解決から 7 日経過のため自動完了', en: 'closed automatically 7 days after it was resolved' },
};

const word = (code: string | undefined): Localised =>
  code ? (WORDS[code] ?? { ja: code, en: code }) : { ja: '', en: '' };

const both = (ja: string, en: string): Localised => ({ ja, en });

export function historyText(
  change: string,
  detail: Record<string, string>,
  names: (accountId: string) => string | undefined = () => undefined,
): Localised {
  const from = word(detail.from);
  const to = word(detail.to);
  const why = detail.why ? word(detail.why) : undefined;
  switch (change) {
    case 'created': {
      const channel = word(detail.channel);
      const category = word(detail.category);
      return both(
        `受付（経路: ${channel.ja}、分類: ${category.ja}）`,
        `Opened (through ${channel.en}, category ${category.en})`,
      );
    }
    case 'status':
      return both(
        `状態: ${from.ja} → ${to.ja}${why ? `（${why.ja}）` : ''}`,
        `Status: ${from.en} → ${to.en}${why ? ` (${why.en})` : ''}`,
      );
    case 'reply':
      return both(`回答を送信（状態: ${from.ja} → ${to.ja}）`, `Answer sent (status: ${from.en} → ${to.en})`);
    case 'first_response': {
      const via = word(detail.via);
      return both(`初回応答（${via.ja}）`, `First response (${via.en})`);
    }
    case 'assignment': {
      const person = (id: string | undefined): Localised =>
        id ? both(names(id) ?? id, names(id) ?? id) : both('未割当', 'nobody');
      const before = person(detail.from);
      const after = person(detail.to);
      return both(`担当: ${before.ja} → ${after.ja}`, `Assignee: ${before.en} → ${after.en}`);
    }
    case 'category':
      return both(`分類: ${from.ja} → ${to.ja}`, `Category: ${from.en} → ${to.en}`);
    case 'message': {
      const kind = word(detail.kind);
      const via = word(detail.via);
      return both(`${kind.ja}（経路: ${via.ja}）`, `${kind.en} (through ${via.en})`);
    }
    case 'note':
      return both('内部メモを追加', 'Internal note added');
    case 'evidence':
      return both(
        `証拠を保存（${detail.rows ?? '?'} 行、SHA-256 ${(detail.sha256 ?? '').slice(0, 12)}…）`,
        `Evidence kept (${detail.rows ?? '?'} rows, SHA-256 ${(detail.sha256 ?? '').slice(0, 12)}…)`,
      );
    default: {
      const listed = Object.entries(detail)
        .map(([key, value]) => `${key}: ${value}`)
        .join(', ');
      return both(listed, listed);
    }
  }
}
