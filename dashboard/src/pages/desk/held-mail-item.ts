import { LitElement, css, html, nothing } from 'lit';
import { apiErrorText } from '../../i18n/api-errors.js';
import { fetchTicketsNotClosed } from '../../api/desk-api.js';
import type { TicketSummary } from '../../api/desk-types.js';
import { ticketPagePath } from '../../app/router.js';
import { formatJst } from '../../format/jst.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { assignHeldMail, dismissHeldMail, type HeldMail, type ParticipantOption } from './desk-api.js';
import { statusName } from './desk-labels.js';
import { deskStyles } from './desk.styles.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    received: '受信',
    from: '差出人',
    subject: '件名',
    reason: '保留の理由',
    authentication: '送信元の検証（MX）',
    unchecked: 'MX の検証結果なし',
    held: '保留中',
    assigned: '割り当て済み',
    dismissed: '破棄として記録済み',
    participant: '参加者',
    choose: '選んでください',
    ticket: 'チケット',
    newTicket: '新しいチケットを作る',
    loadingTickets: 'チケットを読み込み中…',
    assign: '割り当てる',
    assigning: '割り当て中…',
    openTicket: 'チケットを開く',
    dismissReason: '破棄の理由',
    dismiss: '破棄として記録',
    dismissing: '記録中…',
    needReason: '破棄の理由を入れてください。',
    needParticipant: '参加者を選んでください。',
    noSubject: '（件名なし）',
    more: '全文（先頭 2,000 文字）',
  },
  {
    received: 'Received',
    from: 'From',
    subject: 'Subject',
    reason: 'Why held',
    authentication: 'Sender checks (MX)',
    unchecked: 'No result from the MX',
    held: 'Held',
    assigned: 'Assigned',
    dismissed: 'Dismissed (kept)',
    participant: 'Participant',
    choose: 'Choose one',
    ticket: 'Ticket',
    newTicket: 'Open a new ticket',
    loadingTickets: 'Loading tickets…',
    assign: 'Assign',
    assigning: 'Assigning…',
    openTicket: 'Open the ticket',
    dismissReason: 'Reason for dismissing',
    dismiss: 'Dismiss',
    dismissing: 'Saving…',
    needReason: 'Enter why the mail is dismissed.',
    needParticipant: 'Choose a participant.',
    noSubject: '(no subject)',
    more: 'Full text (first 2,000 characters)',
  },
);
const reasons = defineMessages(
  {
    unknown_sender: '差出人のアドレスがどの参加者にも登録されていません',
    ambiguous_sender: '差出人のアドレスが複数の参加者に登録されています',
    auto_submitted: '自動送信のメール（不在通知など）です',
    unparseable: 'メールの形式を読み取れませんでした',
    authentication_failed: 'MX の送信元検証（DMARC）に失敗しています。差出人を詐称したメールの可能性があります',
    processing_failed: '取り込みの途中で失敗しました',
    ticket_of_other_participant: '件名の受付番号が別の参加者のチケットを指しています',
  },
  {
    unknown_sender: "The sender's address is not registered with any participant",
    ambiguous_sender: "The sender's address is registered with several participants",
    auto_submitted: 'An automatic mail (out of office…)',
    unparseable: 'The mail could not be parsed',
    authentication_failed: "The MX's sender check (DMARC) failed: the From address may be forged",
    processing_failed: 'Taking it in failed',
    ticket_of_other_participant: "The reference in the subject is another participant's ticket",
  },
);
type ReasonCode = Parameters<typeof reasons>[0];
const REASON_CODES: Record<ReasonCode, true> = {
  authentication_failed: true,
  unknown_sender: true,
  ambiguous_sender: true,
  auto_submitted: true,
  unparseable: true,
  processing_failed: true,
  ticket_of_other_participant: true,
};

/** The server's reason code ("ambiguous_sender: A, B") in words, with what follows the code kept. */
function reasonText(reason: string): string {
  const [code = '', ...rest] = reason.split(':');
  const known = Object.hasOwn(REASON_CODES, code);
  return known ? `${reasons(code as ReasonCode)}${rest.length ? `（${rest.join(':').trim()}）` : ''}` : reason;
}
const EXCERPT = 280;

/**
 * One held mail: what arrived and why it was held, then assign it to a participant (a new ticket or
 * one of theirs that is not closed) or dismiss it with a reason; a dismissed mail is kept.
 * @event mail-changed - it was assigned (detail: mailId, participantId, ticketId) or dismissed (detail: mailId); the list reloads.
 */
export class HeldMailItem extends LitElement {
  static override properties = {
    mail: { attribute: false },
    participants: { attribute: false },
    participantId: { state: true },
    tickets: { state: true },
    ticketsLoading: { state: true },
    ticketId: { state: true },
    reason: { state: true },
    busy: { state: true },
    error: { state: true },
    done: { state: true },
  };
  static override styles = [
    sharedStyles,
    deskStyles,
    css`
      :host {
        display: block;
      }
      article {
        border: 1px solid var(--line);
        border-radius: 8px;
        padding: 10px 12px;
        background: #fff;
      }
      dl {
        display: grid;
        grid-template-columns: 7em 1fr;
        gap: 2px 8px;
        margin: 0 0 8px;
        font-size: 0.9rem;
        align-items: baseline;
      }
      dt {
        color: var(--muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .excerpt {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        background: #f8fafc;
        border-radius: 6px;
        padding: 8px;
        font-size: 0.85rem;
        margin: 0 0 8px;
      }
      details pre {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        font-size: 0.85rem;
        max-height: 24em;
        overflow-y: auto;
      }
      .act {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
        align-items: flex-end;
        margin-top: 8px;
      }
      .act .field {
        flex: 1 1 14em;
      }
      .act select,
      .act input {
        width: 100%;
        color: #111827;
      }
      h3 {
        margin: 0 0 6px;
        font-size: 1rem;
        overflow-wrap: anywhere;
      }
    `,
  ];
  declare mail: HeldMail;
  declare participants: ParticipantOption[];
  declare participantId: string;
  declare tickets: TicketSummary[];
  declare ticketsLoading: boolean;
  declare ticketId: string;
  declare reason: string;
  declare busy: boolean;
  declare error: string;
  declare done: { participantId: string; ticketId: string } | null;
  private readonly locale = new LocaleController(this);
  private ticketsGeneration = 0;

  constructor() {
    super();
    this.participants = [];
    this.participantId = '';
    this.tickets = [];
    this.ticketsLoading = false;
    this.ticketId = '';
    this.reason = '';
    this.busy = false;
    this.error = '';
    this.done = null;
  }

  private async chooseParticipant(participantId: string): Promise<void> {
    this.participantId = participantId;
    this.ticketId = '';
    this.tickets = [];
    this.error = '';
    if (!participantId) return;
    const generation = ++this.ticketsGeneration;
    this.ticketsLoading = true;
    try {
      const tickets = await fetchTicketsNotClosed(participantId);
      if (generation === this.ticketsGeneration) this.tickets = tickets;
    } catch (error) {
      if (generation === this.ticketsGeneration) this.error = apiErrorText(error);
    } finally {
      if (generation === this.ticketsGeneration) this.ticketsLoading = false;
    }
  }

  private async act(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      await action();
      this.dispatchEvent(
        new CustomEvent('mail-changed', {
          detail: { mailId: this.mail.mailId, ...this.done },
          bubbles: true,
          composed: true,
        }),
      );
    } catch (error) {
      this.error = apiErrorText(error);
    } finally {
      this.busy = false;
    }
  }

  private assign(): void {
    if (!this.participantId) return void (this.error = t('needParticipant'));
    void this.act(async () => {
      this.done = await assignHeldMail(this.mail.mailId, this.participantId, this.ticketId || undefined);
    });
  }

  private dismiss(): void {
    const reason = this.reason.trim();
    if (!reason) return void (this.error = t('needReason'));
    void this.act(async () => {
      await dismissHeldMail(this.mail.mailId, reason);
    });
  }

  private renderActions() {
    return html`<div class="act">
        <label class="field"
          >${t('participant')}
          <select
            .value=${this.participantId}
            @change=${(e: Event) => void this.chooseParticipant((e.target as HTMLSelectElement).value)}
            data-test="held-participant"
          >
            <option value="">${t('choose')}</option>
            ${this.participants.map((p) => html`<option value=${p.participantId}>${p.name}</option>`)}
          </select></label
        >
        <label class="field"
          >${t('ticket')}
          <select
            .value=${this.ticketId}
            ?disabled=${!this.participantId || this.ticketsLoading}
            @change=${(e: Event) => (this.ticketId = (e.target as HTMLSelectElement).value)}
            data-test="held-ticket"
          >
            <option value="">${this.ticketsLoading ? t('loadingTickets') : t('newTicket')}</option>
            ${this.tickets.map((ticket) => html`<option value=${ticket.ticketId}>${ticket.reference} ${ticket.subject}（${statusName(ticket.status)}）</option>`)}
          </select></label
        >
        <button
          type="button"
          class="primary"
          ?disabled=${this.busy || !this.participantId}
          @click=${() => this.assign()}
          data-test="held-assign"
        >
          ${this.busy ? t('assigning') : t('assign')}
        </button>
      </div>
      <div class="act">
        <label class="field"
          >${t('dismissReason')}
          <input
            .value=${this.reason}
            maxlength="500"
            @input=${(e: InputEvent) => (this.reason = (e.target as HTMLInputElement).value)}
            data-test="held-dismiss-reason"
        /></label>
        <button
          type="button"
          class="danger"
          ?disabled=${this.busy}
          @click=${() => this.dismiss()}
          data-test="held-dismiss"
        >
          ${this.busy ? t('dismissing') : t('dismiss')}
        </button>
      </div>`;
  }

  override render() {
    void this.locale;
    const mail = this.mail;
    const tone = mail.status === 'held' ? 'warn' : mail.status === 'assigned' ? 'ok' : '';
    const linked =
      this.done ??
      (mail.ticketId && mail.participantId ? { participantId: mail.participantId, ticketId: mail.ticketId } : null);
    const short = mail.text.slice(0, EXCERPT).split('\n').slice(0, 6).join('\n');
    const excerpt = short.length < mail.text.length ? `${short}…` : mail.text;
    return html`<article data-test="held-mail" data-mail-id=${mail.mailId} data-status=${mail.status}>
      <div class="row" ${cssText(`justify-content: space-between`)}>
        <h3>${mail.subject || t('noSubject')}</h3>
        <span class=${`badge ${tone}`} data-test="held-status">${t(mail.status)}</span>
      </div>
      <dl>
        <dt>${t('received')}</dt>
        <dd>${formatJst(mail.receivedAt, 'datetime')}</dd>
        <dt>${t('from')}</dt>
        <dd>${mail.from}</dd>
        <dt>${t('reason')}</dt>
        <dd data-test="held-reason">${reasonText(mail.reason)}</dd>
        <dt>${t('authentication')}</dt>
        <dd data-test="held-authentication">${mail.authentication || t('unchecked')}</dd>
        ${
          mail.dismissReason
            ? html`<dt>${t('dismissReason')}</dt>
                <dd data-test="held-dismissed-reason">${mail.dismissReason}</dd>`
            : nothing
        }
      </dl>
      <p class="excerpt">${excerpt}</p>
      ${
        short.length < mail.text.length
          ? html`<details>
              <summary>${t('more')}</summary>
              <pre>${mail.text}</pre>
            </details>`
          : nothing
      }
      ${linked ? html`<p><a href=${ticketPagePath(linked.participantId, linked.ticketId)} data-test="held-open-ticket">${t('openTicket')}</a></p>` : nothing}
      ${mail.status === 'held' && !this.done ? this.renderActions() : nothing}
      ${this.error ? html`<p class="error" role="alert" data-test="held-error">${this.error}</p>` : nothing}
    </article>`;
  }
}
customElements.define('yorozu-held-mail-item', HeldMailItem);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-held-mail-item': HeldMailItem;
  }
}
