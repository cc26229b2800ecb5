import type { TicketStatus } from '../rules/sla.js';
import { formatJst } from '../../common/jst-time.js';

/**
 * The bodies of the mails Yorozu sends about tickets: Japanese first, then English. Pure functions;
 * every sentence a participant reads is in the catalogue below, one entry per language.
 */

export interface EvidenceMention {
  query: string;
  from: Date;
  to: Date;
  rowCount: number;
  sha256: string;
}

const MAIL_TEXT = {
  ja: {
    greeting: (organisation: string) => `${organisation} ご担当者様`,
    evidenceHeading: '■ 回答の根拠となったログ',
    query: 'クエリ',
    range: '期間',
    rowCount: '件数',
    rowCountValue: (count: string) => `${count} 件`,
    evidenceInPortal: (url: string) => `該当する行はポータルでご確認いただけます: ${url}`,
    keepReference: (reference: string) => `ご返信の際は、件名の [${reference}] を消さずにお送りください。`,
    ticketUrl: (url: string) => `お問い合わせの状況: ${url}`,
    statusChanged: (reference: string, status: string) =>
      `お問い合わせ [${reference}] の状況が「${status}」になりました。`,
    status: {
      new: '受付',
      open: '対応中',
      awaiting_participant: 'お客様のご回答待ち',
      resolved: '解決済み',
      closed: '完了',
    } satisfies Record<TicketStatus, string>,
    received: (reference: string, subject: string) =>
      `お問い合わせ「${subject}」を受け付けました。受付番号は [${reference}] です。\n担当者より追ってご連絡いたします。`,
    automatic: 'このメールはシステムから自動で送信しています。',
  },
  en: {
    greeting: (organisation: string) => `To ${organisation}`,
    evidenceHeading: '* Logs this answer is based on',
    query: 'Query',
    range: 'Range',
    rowCount: 'Rows',
    rowCountValue: (count: string) => `${count} rows`,
    evidenceInPortal: (url: string) => `The rows are in the portal: ${url}`,
    keepReference: (reference: string) => `When you reply, please keep [${reference}] in the subject.`,
    ticketUrl: (url: string) => `Status of your request: ${url}`,
    statusChanged: (reference: string, status: string) =>
      `The status of your request [${reference}] is now "${status}".`,
    status: {
      new: 'New',
      open: 'In progress',
      awaiting_participant: 'Awaiting your reply',
      resolved: 'Resolved',
      closed: 'Closed',
    } satisfies Record<TicketStatus, string>,
    received: (reference: string, subject: string) =>
      `We have received your request "${subject}". Its reference is [${reference}].\nA member of the desk will get back to you.`,
    automatic: 'This message was sent automatically.',
  },
} as const;

const LANGUAGE_SEPARATOR = '―――― English ――――';
const SIGNATURE_SEPARATOR = '-- ';
/** "2026-11-24 10:30 JST": mail is read outside Japan too, so the zone is written out. */
export function jstMinuteLabel(time: Date): string {
  return `${formatJst(time)} JST`;
}

/** An operator's answer: greeting, the answer, the evidence it rests on, how to reply, the disclaimer. */
export function replyMailText(input: {
  reference: string;
  organisation: string;
  body: string;
  evidence: EvidenceMention[];
  ticketUrl: string;
  disclaimer: { ja: string; en: string };
}): string {
  const { ja, en } = MAIL_TEXT;
  const sections: string[] = [];
  if (input.organisation.trim())
    sections.push(`${ja.greeting(input.organisation)}\n${en.greeting(input.organisation)}`);
  sections.push(input.body.replace(/\r\n?/g, '\n').trim());
  if (input.evidence.length > 0) sections.push(evidenceSection(input.evidence, input.ticketUrl));
  sections.push(`${ja.keepReference(input.reference)}\n${en.keepReference(input.reference)}`);
  sections.push(`${ja.ticketUrl(input.ticketUrl)}\n${en.ticketUrl(input.ticketUrl)}`);
  sections.push(`${SIGNATURE_SEPARATOR}\n${input.disclaimer.ja.trim()}\n\n${input.disclaimer.en.trim()}`);
  return `${sections.join('\n\n')}\n`;
}

function evidenceSection(evidence: EvidenceMention[], ticketUrl: string): string {
  const { ja, en } = MAIL_TEXT;
  const numbers = new Intl.NumberFormat('en-US');
  const items = evidence.map((mention, index) =>
    [
      `${index + 1}. ${ja.query} / ${en.query}: ${mention.query}`,
      `   ${ja.range} / ${en.range}: ${jstMinuteLabel(mention.from)} – ${jstMinuteLabel(mention.to)}`,
      `   ${ja.rowCount} / ${en.rowCount}: ${ja.rowCountValue(numbers.format(mention.rowCount))} / ${en.rowCountValue(numbers.format(mention.rowCount))}`,
      `   SHA-256: ${mention.sha256}`,
    ].join('\n'),
  );
  return [
    `${ja.evidenceHeading}\n${en.evidenceHeading}`,
    ...items,
    `${ja.evidenceInPortal(ticketUrl)}\n${en.evidenceInPortal(ticketUrl)}`,
  ].join('\n\n');
}

/** The ticket's status changed. */
export function statusMailText(input: {
  reference: string;
  organisation: string;
  status: TicketStatus;
  ticketUrl: string;
}): string {
  const { ja, en } = MAIL_TEXT;
  return bilingual(
    [
      ...greetingOf(ja, input.organisation),
      ja.statusChanged(input.reference, ja.status[input.status]),
      ja.ticketUrl(input.ticketUrl),
      ja.keepReference(input.reference),
      ja.automatic,
    ],
    [
      ...greetingOf(en, input.organisation),
      en.statusChanged(input.reference, en.status[input.status]),
      en.ticketUrl(input.ticketUrl),
      en.keepReference(input.reference),
      en.automatic,
    ],
  );
}

/** Acknowledgement when a mail opened a ticket: the participant learns the reference to keep in the subject. */
export function receivedMailText(input: { reference: string; subject: string; ticketUrl: string }): string {
  const { ja, en } = MAIL_TEXT;
  return bilingual(
    [
      ja.received(input.reference, input.subject),
      ja.ticketUrl(input.ticketUrl),
      ja.keepReference(input.reference),
      ja.automatic,
    ],
    [
      en.received(input.reference, input.subject),
      en.ticketUrl(input.ticketUrl),
      en.keepReference(input.reference),
      en.automatic,
    ],
  );
}

// A participant without a name on record gets no greeting rather than " ご担当者様".
function greetingOf(language: { greeting: (organisation: string) => string }, organisation: string): string[] {
  return organisation.trim() ? [language.greeting(organisation.trim())] : [];
}

function bilingual(japanese: string[], english: string[]): string {
  return `${japanese.join('\n\n')}\n\n${LANGUAGE_SEPARATOR}\n\n${english.join('\n\n')}\n`;
}
