import type { RunningYorozu } from './yorozu.js';

/** The demo's answer templates (定型文), so the reply form has some to offer at once; each in both languages. */
const DEMO_TEMPLATES = [
  {
    title_ja: '受付のご連絡',
    title_en: 'We received your question',
    body_ja:
      '{organisation} {requester} 様\n\nお問い合わせ [{reference}] を承りました。担当者が確認のうえ、営業時間内にご連絡いたします。',
    body_en:
      'Dear {requester},\n\nWe received your question [{reference}]. The desk will look into it and reply within business hours (JST).',
  },
  {
    title_ja: '診断情報のお願い',
    title_en: 'Diagnostic information, please',
    body_ja:
      '調査のため、エージェントの診断情報を取得させてください。PC の電源が入っていれば、こちらから自動で取得します。',
    body_en:
      'To look into this we would like the agent’s diagnostic information. While the PC is on, the desk collects it automatically.',
  },
  {
    title_ja: '解決のご確認',
    title_en: 'Is it solved?',
    body_ja:
      'ご案内の手順で解消したかご確認ください。1 週間ご返信がない場合は、このお問い合わせ [{reference}] を完了といたします。',
    body_en:
      'Please check whether the steps above solved it. Without an answer within a week, question [{reference}] will be closed.',
  },
];

/** Only when the desk has no templates yet: an operator's own are never doubled or overwritten. */
export async function prepareDemoTemplates(yorozu: RunningYorozu): Promise<void> {
  if ((await yorozu.desk.templates.list()).length > 0) return;
  for (const template of DEMO_TEMPLATES) await yorozu.desk.templates.save(undefined, template, 'demo');
}
