import { css, html, nothing } from 'lit';
import { formatJst } from '../../format/jst.js';
import { defineMessages } from '../../i18n/i18n.js';
import type { MailKind, MailOutcome, TicketMail } from './tickets-api.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    title: 'メール送信（{n} 件）',
    none: 'この問い合わせについて送ったメールはありません。',
    to: '宛先',
    noRecipients: '（宛先なし）',
    relayResponse: '中継サーバーの応答: {text}',
    reply: '回答',
    status: '状態の通知',
    received: '受付のお知らせ',
    sla_alert: 'SLA 通知',
    queued: '送信待ち',
    sent: '送信済み',
    not_configured: '未送信（中継サーバー未設定）',
    failed_retryable: '再送待ち',
    failed_permanent: '送信失敗',
    queuedHint: '送信の順番を待っています。',
    notConfiguredHint:
      'メールの中継サーバーが設定されていません。YOROZU_SMTP_RELAY_URL を設定すると、このメールが送信されます。',
    retryHint: '中継サーバーへの送信に失敗しました。自動で再送します。',
  },
  {
    title: 'Mail ({n})',
    none: 'No mail has been sent about this ticket.',
    to: 'To',
    noRecipients: '(no recipients)',
    relayResponse: 'Relay response: {text}',
    reply: 'Answer',
    status: 'Status notice',
    received: 'Receipt notice',
    sla_alert: 'SLA alert',
    queued: 'Queued',
    sent: 'Sent',
    not_configured: 'Not sent (no relay configured)',
    failed_retryable: 'Awaiting retry',
    failed_permanent: 'Failed',
    queuedHint: 'Waiting its turn to be sent.',
    notConfiguredHint: 'No mail relay is configured. Once YOROZU_SMTP_RELAY_URL is set, this mail is sent.',
    retryHint: 'The relay did not take it; it will be tried again.',
  },
);

const KINDS: readonly string[] = ['reply', 'status', 'received', 'sla_alert'] satisfies MailKind[];
const OUTCOMES: readonly string[] = [
  'queued',
  'sent',
  'not_configured',
  'failed_retryable',
  'failed_permanent',
] satisfies MailOutcome[];

export const mailStyles = css`
  .mails ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 8px;
  }
  .mails li {
    border-top: 1px solid var(--line);
    padding-top: 6px;
    display: grid;
    gap: 2px;
    font-size: 0.85rem;
    min-width: 0;
  }
  .mails li:first-child {
    border-top: none;
    padding-top: 0;
  }
  .mails .top {
    display: flex;
    gap: 8px;
    align-items: center;
    flex-wrap: wrap;
  }
  .mails .kind {
    font-weight: 600;
  }
  .mails .subject,
  .mails .recipients,
  .mails .response {
    overflow-wrap: anywhere;
  }
  .badge.mail.sent {
    background: #ecfdf5;
    border-color: #6ee7b7;
    color: #065f46;
  }
  .badge.mail.not_configured,
  .badge.mail.queued {
    background: #f1f5f9;
    border-color: #cbd5e1;
    color: #475569;
  }
  .badge.mail.failed_retryable {
    background: #fffbeb;
    border-color: #f59e0b;
    color: #92400e;
  }
  .badge.mail.failed_permanent {
    background: #fef2f2;
    border-color: #f87171;
    color: #991b1b;
    font-weight: 600;
  }
  .mails .response {
    color: #991b1b;
  }
`;

function hint(mail: TicketMail) {
  if (mail.outcome === 'not_configured') return t('notConfiguredHint');
  if (mail.outcome === 'failed_retryable') return t('retryHint');
  if (mail.outcome === 'queued') return t('queuedHint');
  return '';
}

function renderMail(mail: TicketMail) {
  const kind = KINDS.includes(mail.kind) ? t(mail.kind as MailKind) : mail.kind;
  const outcome = OUTCOMES.includes(mail.outcome) ? t(mail.outcome as MailOutcome) : mail.outcome;
  const note = hint(mail);
  const failed = mail.outcome === 'failed_permanent' || mail.outcome === 'failed_retryable';
  return html`<li data-test="ticket-mail" data-outcome=${mail.outcome} data-kind=${mail.kind}>
    <div class="top">
      <span class="kind">${kind}</span>
      <span class="badge mail ${mail.outcome}" title=${note || nothing}>${outcome}</span>
      <span class="muted nowrap">${formatJst(mail.createdAt, 'seconds')}</span>
    </div>
    <div class="subject">${mail.subject}</div>
    <div class="recipients muted">
      ${t('to')}: ${mail.recipients.length ? mail.recipients.join(', ') : t('noRecipients')}
    </div>
    ${note ? html`<div class="muted hint">${note}</div>` : nothing}
    ${failed && mail.response ? html`<div class="response mono" data-test="ticket-mail-response">${t('relayResponse', { text: mail.response })}</div>` : nothing}
  </li>`;
}

/** Operators: the desk's mails about the ticket and whether the relay took them, folded away until opened. */
export function renderMails(mails: readonly TicketMail[]) {
  return html`<details class="panel mails" data-test="ticket-mails">
    <summary>${t('title', { n: mails.length })}</summary>
    ${
      mails.length
        ? html`<ul>
            ${mails.map(renderMail)}
          </ul>`
        : html`<p class="muted hint" ${cssText(`margin: 0`)}>${t('none')}</p>`
    }
  </details>`;
}
