import { LitElement, css, html, nothing } from 'lit';
import { formatJst } from '../../format/jst.js';
import { formatBytes } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import './evidence-view.js';
import { channelLabel, kindLabel } from './ticket-labels.js';
import { attachmentUrl, type Attachment, type TicketDetail, type TicketMessage } from './tickets-api.js';
import { ticketsStyles } from './tickets.styles.js';
import { cssText } from '../../styles/css-text.js';
import { withoutControls, withVisibleControls } from '../../format/visible-controls.js';

const t = defineMessages(
  {
    title: 'やりとり',
    none: 'まだメッセージはありません。',
    via: '{via} 経由',
    internal: '内部メモ — お客様には表示されません',
    caller: '通話相手',
    calledAt: '通話日時',
    duration: '通話時間',
    durationMinutes: '{n} 分',
    attachments: '添付ファイル',
    download: '{name} をダウンロード',
    answerTo: '診断情報の依頼への回答',
    mailAuth: '送信元の検証: {result}',
    mailUnchecked: '送信元の検証結果なし',
    expand: '全文を表示（{lines} 行・{chars} 文字）',
    collapse: '折りたたむ',
  },
  {
    title: 'Conversation',
    none: 'No messages yet.',
    via: 'via {via}',
    internal: 'Internal note — never shown to the participant',
    caller: 'Caller',
    calledAt: 'Called at',
    duration: 'Duration',
    durationMinutes: '{n} min',
    attachments: 'Attachments',
    download: 'Download {name}',
    answerTo: 'Answer to a diagnostics request',
    mailAuth: 'Sender checks: {result}',
    mailUnchecked: 'No sender checks from the MX',
    expand: 'Show all ({lines} lines, {chars} characters)',
    collapse: 'Collapse',
  },
);

/**
 * The ticket's messages in time order, each kind its own look: the participant's (left), the desk's answers
 * (right, with their log evidence), internal notes (yellow, marked 内部メモ; the server sends them to operators only),
 * phone calls (caller, time, duration) and answers to a diagnostics form. Attachments are download links.
 */
/** Lines shown of a collapsed message; longer than LONG_LINES lines or LONG_CHARACTERS characters is long. */
const COLLAPSED_LINES = 8;
const LONG_LINES = 15;
const LONG_CHARACTERS = 1200;

export function isLongMessage(body: string): boolean {
  return body.split('\n').length > LONG_LINES || [...body].length > LONG_CHARACTERS;
}

export class TicketConversation extends LitElement {
  static override properties = { ticket: { attribute: false }, expanded: { state: true } };
  static override styles = [
    sharedStyles,
    ticketsStyles,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 12px;
      }
      li {
        border: 1px solid var(--line);
        border-radius: 10px;
        padding: 10px 14px;
        background: #fff;
        max-width: 92%;
        min-width: 0;
      }
      li.participant_message,
      li.diagnostics_answer {
        justify-self: start;
        background: #fff;
        border-left: 4px solid #64748b;
      }
      li.operator_reply {
        justify-self: end;
        background: #eff6ff;
        border-color: #bfdbfe;
        border-right: 4px solid var(--accent);
      }
      li.internal_note {
        justify-self: stretch;
        max-width: none;
        background: #fefce8;
        border: 1px dashed #ca8a04;
      }
      li.phone_call {
        justify-self: stretch;
        max-width: none;
        background: #f8fafc;
        border-left: 4px solid #0f766e;
      }
      li.diagnostics_answer {
        border-left-color: #7c3aed;
      }
      .meta {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
        align-items: baseline;
        font-size: 0.85rem;
        margin-bottom: 6px;
      }
      .author {
        font-weight: 600;
      }
      .kind {
        font-size: 0.75rem;
      }
      .kind.internal_note {
        background: #ca8a04;
        border-color: #ca8a04;
        color: #fff;
        font-weight: 700;
      }
      .kind.operator_reply {
        background: var(--accent);
        border-color: var(--accent);
        color: #fff;
      }
      .kind.phone_call {
        background: #ccfbf1;
        border-color: #5eead4;
        color: #115e59;
      }
      .kind.diagnostics_answer {
        background: #f5f3ff;
        border-color: #c4b5fd;
        color: #5b21b6;
      }
      .body {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin: 0;
        font: inherit;
      }
      .body.collapsed {
        max-height: ${COLLAPSED_LINES * 1.5}em;
        overflow: hidden;
        mask-image: linear-gradient(to bottom, #000 70%, transparent);
      }
      .expand {
        margin-top: 4px;
      }
      .phone {
        display: flex;
        gap: 16px;
        flex-wrap: wrap;
        font-size: 0.9rem;
        margin-bottom: 6px;
      }
      .phone span b {
        font-weight: 600;
        color: var(--muted);
        margin-right: 4px;
      }
      .files {
        margin: 8px 0 0;
        padding: 0;
        list-style: none;
        display: flex;
        gap: 6px 14px;
        flex-wrap: wrap;
        font-size: 0.9rem;
      }
      .files li {
        border: none;
        padding: 0;
        background: none;
        max-width: none;
      }
      .note-flag {
        font-size: 0.8rem;
        color: #854d0e;
        font-weight: 600;
      }
      @media (max-width: 600px) {
        li {
          max-width: 100%;
          padding: 8px 10px;
        }
      }
    `,
  ];
  declare ticket: TicketDetail;
  /** Long messages the operator opened. */
  declare expanded: Set<string>;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.expanded = new Set();
  }

  private renderAttachments(attachments: Attachment[]) {
    if (!attachments.length) return nothing;
    const { participantId, ticketId } = this.ticket;
    return html`<ul class="files" aria-label=${t('attachments')}>
      ${attachments.map(
        (file) =>
          html`<li>
            <a
              href=${attachmentUrl(participantId, ticketId, file.attachmentId)}
              download=${withoutControls(file.filename)}
              title=${t('download', { name: withVisibleControls(file.filename) })}
              data-test="ticket-attachment"
              >${withVisibleControls(file.filename)}</a
            >
            <span class="muted">${formatBytes(file.sizeBytes)}</span>
          </li>`,
      )}
    </ul>`;
  }

  /** A long message collapses to its first lines (the newest stays open): a long thread reads from its replies. */
  private renderBody(message: TicketMessage, newest: boolean) {
    const long = isLongMessage(message.body);
    if (!long || newest) return html`<pre class="body" data-test="message-body">${message.body}</pre>`;
    const open = this.expanded.has(message.messageId);
    const toggle = () => {
      const next = new Set(this.expanded);
      if (open) next.delete(message.messageId);
      else next.add(message.messageId);
      this.expanded = next;
    };
    const body = html`<pre
      class="body ${open ? '' : 'collapsed'}"
      data-test="message-body"
      data-collapsed=${String(!open)}
    >
${message.body}</pre>`;
    return html`${body}
      <button type="button" class="expand" aria-expanded=${String(open)} @click=${toggle} data-test="message-expand">
        ${open ? t('collapse') : t('expand', { lines: message.body.split('\n').length, chars: [...message.body].length })}
      </button>`;
  }

  private renderMessage(message: TicketMessage, newest: boolean) {
    const { participantId, ticketId } = this.ticket;
    const phone = message.phone;
    return html`<li
      class=${message.kind}
      data-test="ticket-message"
      data-kind=${message.kind}
      data-message-id=${message.messageId}
    >
      <div class="meta">
        <span class="badge kind ${message.kind}">${kindLabel(message.kind)}</span>
        <span class="author">${message.authorName}</span>
        <time class="muted" datetime=${message.createdAt}>${formatJst(message.createdAt, 'datetime')}</time>
        <span class="muted">${t('via', { via: channelLabel(message.via) })}</span>
        ${
          message.mailAuthentication !== undefined
            ? html`<span class="muted" data-test="message-mail-authentication"
                >${message.mailAuthentication ? t('mailAuth', { result: message.mailAuthentication }) : t('mailUnchecked')}</span
              >`
            : nothing
        }
      </div>
      ${message.kind === 'internal_note' ? html`<p class="note-flag" ${cssText(`margin: 0 0 4px`)}>${t('internal')}</p>` : nothing}
      ${message.kind === 'diagnostics_answer' ? html`<p class="muted hint" ${cssText(`margin: 0 0 4px`)}>${t('answerTo')}</p>` : nothing}
      ${
        phone
          ? html`<div class="phone" data-test="phone-call">
              <span><b>${t('caller')}</b>${phone.caller}</span>
              <span><b>${t('calledAt')}</b>${formatJst(phone.calledAt, 'datetime')}</span>
              <span><b>${t('duration')}</b>${t('durationMinutes', { n: phone.durationMinutes })}</span>
            </div>`
          : nothing
      }
      ${this.renderBody(message, newest)} ${this.renderAttachments(message.attachments)}
      ${(message.evidence ?? []).map(
        (evidence) =>
          html`<yorozu-ticket-evidence-view
            .participantId=${participantId}
            .ticketId=${ticketId}
            .summary=${evidence}
          ></yorozu-ticket-evidence-view>`,
      )}
    </li>`;
  }

  override render() {
    void this.locale;
    const messages = [...(this.ticket?.messages ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return html`<h2>${t('title')}</h2>
      ${
        messages.length
          ? html`<ol data-test="ticket-messages">
              ${messages.map((message, index) => this.renderMessage(message, index === messages.length - 1))}
            </ol>`
          : html`<p class="muted">${t('none')}</p>`
      }`;
  }
}
customElements.define('yorozu-ticket-conversation', TicketConversation);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-ticket-conversation': TicketConversation;
  }
}
