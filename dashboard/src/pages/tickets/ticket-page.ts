import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { ApiFailure } from '../../api/api-client.js';
import type { Session } from '../../api/session.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import './diagnostics-request-form.js';
import './message-form.js';
import './operator-controls.js';
import './operator-reply.js';
import './ticket-call-form.js';
import './ticket-conversation.js';
import './ticket-diagnostics.js';
import { headerStyles, renderHeader, renderHistory } from './ticket-header.js';
import { mailStyles, renderMails } from './ticket-mails.js';
import { renderSla, slaStyles } from './ticket-sla.js';
import {
  failureText,
  fetchTicket,
  localised,
  postMessage,
  postNote,
  resolveTicket,
  type TicketDetail,
} from './tickets-api.js';
import { ticketsStyles } from './tickets.styles.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    loading: '読み込み中…',
    forbidden: 'この問い合わせを表示する権限がありません。',
    notFound: 'この問い合わせは見つかりません。番号やアドレスをお確かめください。',
    failed: '問い合わせを読み込めませんでした: {message}',
    back: 'お問い合わせの一覧へ',
    reload: '再読み込み',
    reply: '返信する',
    replyLabel: '返信（窓口に届きます）',
    send: '送信',
    resolve: '解決済みにする',
    resolving: '更新しています…',
    resolveHint:
      '問題が解決したら「解決済みにする」を押してください。あとから返信すると、問い合わせは再び対応中になります。',
    closed: 'この問い合わせは完了しています。続きのご相談は、新しいお問い合わせとしてお送りください。',
    newTicket: '新しいお問い合わせ',
    answer: '回答する',
    note: '内部メモ',
    noteLabel: '内部メモ（オペレーターだけが読めます。お客様には送られません）',
    addNote: 'メモを追加',
    call: '電話を記録',
    diagnostics: '診断情報を依頼',
  },
  {
    loading: 'Loading…',
    forbidden: 'You do not have permission to view this ticket.',
    notFound: 'No such ticket. Check the reference or the address.',
    failed: 'Could not load the ticket: {message}',
    back: 'Back to the tickets',
    reload: 'Reload',
    reply: 'Reply',
    replyLabel: 'Your reply (goes to the desk)',
    send: 'Send',
    resolve: 'Mark as resolved',
    resolving: 'Updating…',
    resolveHint: 'When the problem is solved, press "Mark as resolved". A later reply opens the ticket again.',
    closed: 'This ticket is closed. Please send anything further as a new ticket.',
    newTicket: 'New ticket',
    answer: 'Answer',
    note: 'Internal note',
    noteLabel: 'Internal note (operators only; never sent to the participant)',
    addNote: 'Add the note',
    call: 'Log a phone call',
    diagnostics: 'Request diagnostics',
  },
);

/**
 * One ticket, for participant users and operators: the header, the SLA clocks, the conversation (with evidence),
 * the disclaimer, the diagnostics requests, the history and (operators) the desk's mails; then what the reader may do (a user replies or marks
 * it resolved; an operator answers, adds internal notes, logs calls, requests diagnostics, and sets status,
 * assignee and category). A 403 or 404 is said plainly in [data-test=ticket-page-error].
 */
export class TicketPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    participantId: { attribute: false },
    ticketId: { attribute: false },
    ticket: { state: true },
    loading: { state: true },
    loadError: { state: true },
    resolving: { state: true },
    actionError: { state: true },
  };
  static override styles = [
    sharedStyles,
    ticketsStyles,
    headerStyles,
    slaStyles,
    mailStyles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 360px;
        gap: 16px;
        align-items: start;
        margin-top: 12px;
      }
      .main,
      aside {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 16px;
        min-width: 0;
      }
      .toolbar {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
      }
      .disclaimer {
        font-size: 0.85rem;
        color: var(--muted);
        background: #f8fafc;
        border: 1px solid var(--line);
        border-radius: 6px;
        padding: 8px 12px;
        white-space: pre-wrap;
        margin: 0;
      }
      .panel h2 {
        margin-top: 0;
      }
      .panel.note {
        background: #fefce8;
        border-color: #fde68a;
      }
      details.panel > summary {
        margin: -4px 0;
      }
      details.panel[open] > summary {
        margin-bottom: 8px;
      }
      @media (max-width: 1000px) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];
  declare session: Session;
  declare participantId: string;
  declare ticketId: string;
  declare ticket: TicketDetail | null;
  declare loading: boolean;
  declare loadError: unknown;
  declare resolving: boolean;
  declare actionError: string;
  private readonly locale = new LocaleController(this);
  private generation = 0;

  constructor() {
    super();
    this.participantId = '';
    this.ticketId = '';
    this.ticket = null;
    this.loading = false;
    this.loadError = null;
    this.resolving = false;
    this.actionError = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('participantId') || changed.has('ticketId')) && this.participantId && this.ticketId) {
      if (this.ticket && this.ticket.ticketId !== this.ticketId) this.ticket = null;
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    try {
      const ticket = await fetchTicket(this.participantId, this.ticketId);
      if (generation !== this.generation) return;
      this.ticket = ticket;
      this.loadError = null;
    } catch (error) {
      if (generation === this.generation) this.loadError = error;
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  private readonly onUpdated = (event: CustomEvent<TicketDetail | null>) => {
    this.actionError = '';
    if (event.detail && event.detail.ticketId === this.ticketId) {
      this.generation += 1;
      this.ticket = event.detail;
      this.loading = false;
    } else void this.load();
  };

  private async resolve(): Promise<void> {
    this.resolving = true;
    this.actionError = '';
    try {
      this.ticket = await resolveTicket(this.participantId, this.ticketId);
    } catch (error) {
      this.actionError = failureText(error);
    } finally {
      this.resolving = false;
    }
  }

  private errorText(error: unknown): string {
    if (error instanceof ApiFailure && error.status === 403) return t('forbidden');
    if (error instanceof ApiFailure && (error.status === 404 || error.status === 400)) return t('notFound');
    return t('failed', { message: failureText(error) });
  }

  private renderParticipantActions(ticket: TicketDetail) {
    if (ticket.status === 'closed') {
      return html`<section class="panel">
        <p ${cssText(`margin: 0`)} data-test="ticket-closed">${t('closed')}</p>
        <p ${cssText(`margin: 8px 0 0`)}>
          <a href=${`/participants/${ticket.participantId}/tickets/new`}>${t('newTicket')}</a>
        </p>
      </section>`;
    }
    return html`<section class="panel" data-test="participant-actions">
      <h2>${t('reply')}</h2>
      <yorozu-ticket-message-form
        test-prefix="message"
        .label=${t('replyLabel')}
        .submitLabel=${t('send')}
        .send=${(body: string, files: File[]) => postMessage(ticket.participantId, ticket.ticketId, body, files)}
      ></yorozu-ticket-message-form>
      ${
        ticket.status !== 'resolved'
          ? html`<div
              class="actions"
              ${cssText(`margin-top: 12px; border-top: 1px solid var(--line); padding-top: 12px`)}
            >
              <button
                type="button"
                @click=${() => void this.resolve()}
                ?disabled=${this.resolving}
                data-test="ticket-resolve"
              >
                ${this.resolving ? t('resolving') : t('resolve')}
              </button>
              <span class="muted hint">${t('resolveHint')}</span>
            </div>`
          : nothing
      }
      ${this.actionError ? html`<p class="error" role="alert" data-test="ticket-action-error">${this.actionError}</p>` : nothing}
    </section>`;
  }

  private renderOperatorActions(ticket: TicketDetail) {
    return html` <section class="panel" data-test="operator-reply">
        <h2>${t('answer')}</h2>
        <yorozu-ticket-operator-reply .ticket=${ticket}></yorozu-ticket-operator-reply>
      </section>
      <section class="panel note" data-test="operator-note">
        <h2>${t('note')}</h2>
        <yorozu-ticket-message-form
          test-prefix="note"
          .label=${t('noteLabel')}
          .submitLabel=${t('addNote')}
          .send=${(body: string, files: File[]) => postNote(ticket.participantId, ticket.ticketId, body, files)}
        ></yorozu-ticket-message-form>
      </section>
      <details class="panel" data-test="operator-call">
        <summary>${t('call')}</summary>
        <yorozu-ticket-call-form .ticket=${ticket}></yorozu-ticket-call-form>
      </details>
      <details class="panel" data-test="operator-diagnostics">
        <summary>${t('diagnostics')}</summary>
        <yorozu-ticket-diagnostics-request .ticket=${ticket}></yorozu-ticket-diagnostics-request>
      </details>`;
  }

  override render() {
    void this.locale;
    const ticket = this.ticket?.ticketId === this.ticketId ? this.ticket : null;
    const operator = this.session?.role === 'operator';
    if (!ticket) {
      if (this.loadError) {
        return html`<p><a href=${`/participants/${this.participantId}/tickets`}>${t('back')}</a></p>
          <p class="panel error" role="alert" data-test="ticket-page-error">${this.errorText(this.loadError)}</p>`;
      }
      return html`<p class="muted" role="status" data-test="ticket-loading">${t('loading')}</p>`;
    }
    // A participant answers a diagnostics form beside the conversation; operators see the requests' state aside.
    const diagnostics = html`<yorozu-ticket-diagnostics
      .ticket=${ticket}
      ?operator=${operator}
    ></yorozu-ticket-diagnostics>`;
    return html`<div @ticket-updated=${this.onUpdated}>
      ${renderHeader(ticket, operator)}
      ${this.loadError ? html`<p class="error" role="alert" data-test="ticket-page-error">${this.errorText(this.loadError)}</p>` : nothing}
      <div class="layout">
        <div class="main">
          <section class="panel">
            <div class="toolbar">
              <button
                type="button"
                @click=${() => void this.load()}
                ?disabled=${this.loading}
                data-test="ticket-reload"
              >
                ${this.loading ? t('loading') : t('reload')}
              </button>
            </div>
            <yorozu-ticket-conversation .ticket=${ticket}></yorozu-ticket-conversation>
          </section>
          <p class="disclaimer" data-test="ticket-disclaimer">${localised(ticket.disclaimer)}</p>
          ${operator ? nothing : diagnostics}
          ${operator ? this.renderOperatorActions(ticket) : this.renderParticipantActions(ticket)}
        </div>
        <aside>
          ${renderSla(ticket)}
          ${operator ? html`<section class="panel"><yorozu-ticket-operator-controls .ticket=${ticket}></yorozu-ticket-operator-controls></section>` : nothing}
          ${operator ? diagnostics : nothing} ${renderHistory(ticket.history)}
          ${operator ? renderMails(ticket.mails ?? []) : nothing}
        </aside>
      </div>
    </div>`;
  }
}
customElements.define('yorozu-ticket-page', TicketPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-ticket-page': TicketPage;
  }
}
