import { LitElement, css, html, nothing } from 'lit';
import { apiErrorText } from '../../i18n/api-errors.js';
import { fetchTicketsNotClosed, reachOut } from '../../api/desk-api.js';
import type { EvidenceSummary } from '../../api/desk-types.js';
import { ticketPagePath } from '../../app/router.js';
import { formatJst } from '../../format/jst.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { attachEvidence, type EvidenceTicket } from './evidence-attach-api.js';
import { NEW_TICKET, newTicketFields, newTicketMessages, readNewTicket } from './new-ticket-fields.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    button: '証拠として添付',
    title: '証拠として添付',
    intro:
      'この検索をサーバーで実行し、その結果の行と SHA-256 ハッシュをチケットに保存します。返信に含めるまでお客様には見えません。',
    ticket: 'チケット',
    loading: 'チケットを読み込み中…',
    noTicket: 'この参加者には完了していないチケットがありません。',
    ticketsLink: '参加者のチケット一覧を開く',
    query: 'クエリ',
    allEvents: '（条件なし: すべてのイベント）',
    range: '期間（日本時間）',
    device: '端末 ID',
    limit: '最大行数（1〜500）',
    badLimit: '最大行数は 1〜500 の整数にしてください。',
    mark: '該当行に印をつける条件（任意）',
    markHint: '結果の行のうち、この条件にも一致する行に「該当」の印をつけます。例: category:external_device',
    marked: '印をつけた行',
    cancel: 'キャンセル',
    close: '閉じる',
    confirm: '添付する',
    attaching: '添付中…',
    done: 'チケットに証拠を保存しました。',
    rows: '行数',
    sha: 'SHA-256',
    open: 'チケットを開く',
    failed: '添付できませんでした: {message}',
    ...newTicketMessages.ja,
  },
  {
    button: 'Attach as evidence',
    title: 'Attach as evidence',
    intro:
      'Runs this search on the server and keeps its rows and their SHA-256 hash on the ticket. The participant sees it only once it is sent in a reply.',
    ticket: 'Ticket',
    loading: 'Loading tickets…',
    noTicket: 'This participant has no ticket that is not closed.',
    ticketsLink: "Open the participant's tickets",
    query: 'Query',
    allEvents: '(none: every event)',
    range: 'Range (JST)',
    device: 'Device ID',
    limit: 'Row limit (1-500)',
    badLimit: 'The row limit is a whole number from 1 to 500.',
    mark: 'Mark the rows matching (optional)',
    markHint:
      'Rows of the result that also match this query are marked as the relevant ones. E.g. category:external_device',
    marked: 'Marked rows',
    cancel: 'Cancel',
    close: 'Close',
    confirm: 'Attach',
    attaching: 'Attaching…',
    done: 'The evidence is kept on the ticket.',
    rows: 'Rows',
    sha: 'SHA-256',
    open: 'Open the ticket',
    failed: 'Could not attach: {message}',
    ...newTicketMessages.en,
  },
);

/**
 * "証拠として添付" (operators): a button and a dialog that choose one of the participant's tickets that
 * are not closed and POST the search (query, range, device, row limit) as evidence of that ticket; the
 * server runs the query itself. Set `resolveRange` to turn a relative range into instants when opened.
 */
export class EvidenceAttach extends LitElement {
  static override properties = {
    participantId: { attribute: false },
    query: { attribute: false },
    from: { attribute: false },
    to: { attribute: false },
    deviceId: { attribute: false },
    resolveRange: { attribute: false },
    tickets: { state: true },
    ticketId: { state: true },
    span: { state: true },
    limit: { state: true },
    markQuery: { state: true },
    busy: { state: true },
    error: { state: true },
    result: { state: true },
    sentTicket: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: inline-block;
      }
      dialog {
        border: 1px solid var(--line);
        border-radius: 8px;
        padding: 16px;
        width: min(560px, calc(100vw - 24px));
        max-height: calc(100vh - 24px);
      }
      dialog::backdrop {
        background: rgba(15, 23, 42, 0.45);
      }
      dialog h2 {
        margin-top: 0;
      }
      dl {
        display: grid;
        grid-template-columns: 9em 1fr;
        gap: 6px 10px;
        margin: 12px 0;
        align-items: baseline;
      }
      dt {
        color: var(--muted);
        font-size: 0.85rem;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      dd select,
      dd input {
        width: 100%;
      }
      code,
      .hash {
        font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
        font-size: 0.85rem;
        overflow-wrap: anywhere;
        word-break: break-all;
      }
      .result {
        background: #ecfdf5;
        border: 1px solid #6ee7b7;
        border-radius: 6px;
        padding: 8px 12px;
      }
      .actions {
        display: flex;
        gap: 8px;
        justify-content: flex-end;
        flex-wrap: wrap;
        margin-top: 12px;
      }
      @media (max-width: 600px) {
        dl {
          grid-template-columns: 1fr;
          gap: 2px;
        }
        dd {
          margin-bottom: 6px;
        }
      }
    `,
  ];
  declare participantId: string;
  declare query: string;
  /** ISO instants. */
  declare from: string;
  declare to: string;
  declare deviceId: string | null;
  declare resolveRange: (() => { from: Date; to: Date }) | null;
  declare tickets: EvidenceTicket[] | null;
  declare ticketId: string;
  declare span: { from: string; to: string } | null;
  declare limit: string;
  declare markQuery: string;
  declare busy: boolean;
  declare error: string;
  declare result: EvidenceSummary | null;
  /** The ticket opened to the participant with this evidence ("new ticket to this participant", issue 19). */
  declare sentTicket: { ticketId: string; reference: string } | null;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participantId = '';
    this.query = '';
    this.from = '';
    this.to = '';
    this.deviceId = null;
    this.resolveRange = null;
    this.tickets = null;
    this.ticketId = '';
    this.span = null;
    this.limit = '100';
    this.markQuery = '';
    this.busy = false;
    this.error = '';
    this.result = null;
    this.sentTicket = null;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  private async open(): Promise<void> {
    const resolved = this.resolveRange?.();
    this.span = resolved
      ? { from: resolved.from.toISOString(), to: resolved.to.toISOString() }
      : { from: this.from, to: this.to };
    this.result = null;
    this.sentTicket = null;
    this.error = '';
    this.tickets = null;
    this.limit = '100';
    this.markQuery = '';
    this.dialog?.showModal();
    try {
      const tickets = await fetchTicketsNotClosed(this.participantId);
      this.tickets = tickets;
      if (!tickets.some((ticket) => ticket.ticketId === this.ticketId))
        this.ticketId = tickets[0]?.ticketId ?? NEW_TICKET;
    } catch (error) {
      this.tickets = [];
      this.error = t('failed', { message: apiErrorText(error) });
    }
  }

  private async confirm(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const limit = Number(this.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) return void (this.error = t('badLimit'));
    if (!this.ticketId || !this.span) return;
    if (this.ticketId === NEW_TICKET) return this.sendNewTicket(limit);
    this.busy = true;
    this.error = '';
    try {
      this.result = await attachEvidence(this.participantId, this.ticketId, {
        query: this.query,
        from: this.span.from,
        to: this.span.to,
        limit,
        ...(this.deviceId ? { deviceId: this.deviceId } : {}),
        ...(this.markQuery.trim() ? { markQuery: this.markQuery.trim() } : {}),
      });
    } catch (error) {
      this.error = t('failed', { message: apiErrorText(error) });
    } finally {
      this.busy = false;
    }
  }

  /** A new ticket to the participant, with this search as its evidence (the server captures it first). */
  private async sendNewTicket(limit: number): Promise<void> {
    const fields = readNewTicket(this.renderRoot);
    if (!fields.subject || !fields.body) return void (this.error = t(fields.subject ? 'needBody' : 'needSubject'));
    if (!this.span) return;
    this.busy = true;
    this.error = '';
    try {
      const ticket = await reachOut(this.participantId, {
        ...fields,
        evidence: {
          query: this.query,
          from: this.span.from,
          to: this.span.to,
          limit,
          ...(this.deviceId ? { deviceId: this.deviceId } : {}),
          ...(this.markQuery.trim() ? { markQuery: this.markQuery.trim() } : {}),
        },
      });
      this.ticketId = ticket.ticketId;
      this.sentTicket = { ticketId: ticket.ticketId, reference: ticket.reference };
    } catch (error) {
      this.error = apiErrorText(error);
    } finally {
      this.busy = false;
    }
  }

  private renderTicketChoice() {
    if (this.tickets === null) return html`<span class="muted" role="status">${t('loading')}</span>`;
    return html`<select
        .value=${this.ticketId}
        @change=${(e: Event) => (this.ticketId = (e.target as HTMLSelectElement).value)}
        ?disabled=${this.result !== null || this.sentTicket !== null}
        data-test="evidence-ticket"
      >
        ${this.tickets.map((ticket) => html`<option value=${ticket.ticketId} ?selected=${ticket.ticketId === this.ticketId}>${ticket.reference} ${ticket.subject}</option>`)}
        <option value=${NEW_TICKET} ?selected=${this.ticketId === NEW_TICKET}>${t('newTicket')}</option>
      </select>
      ${
        this.tickets.length === 0 && !this.error
          ? html`<span class="muted" data-test="evidence-no-ticket">${t('noTicket')}</span>`
          : nothing
      }`;
  }

  private renderSent(sent: { ticketId: string; reference: string }) {
    return html`<div class="result" role="status" data-test="evidence-result">
      <p ${cssText(`margin: 0 0 6px`)}>${t('sent', { reference: sent.reference })}</p>
      <a
        href=${ticketPagePath(this.participantId, sent.ticketId)}
        @click=${() => this.dialog?.close()}
        data-test="evidence-open-ticket"
        >${t('open')}</a
      >
    </div>`;
  }

  private renderResult(result: EvidenceSummary) {
    return html`<div class="result" role="status" data-test="evidence-result">
      <p ${cssText(`margin: 0 0 6px`)}>${t('done')}</p>
      <dl ${cssText(`margin: 0`)}>
        <dt>${t('rows')}</dt>
        <dd data-test="evidence-row-count">${result.rowCount}</dd>
        ${
          result.markedCount
            ? html`<dt>${t('marked')}</dt>
                <dd data-test="evidence-marked-count">${result.markedCount}</dd>`
            : nothing
        }
        <dt>${t('sha')}</dt>
        <dd class="hash" data-test="evidence-sha256">${result.sha256}</dd>
      </dl>
      <p ${cssText(`margin: 6px 0 0`)}>
        <a
          href=${ticketPagePath(this.participantId, this.ticketId)}
          @click=${() => this.dialog?.close()}
          data-test="evidence-open-ticket"
          >${t('open')}</a
        >
      </p>
    </div>`;
  }

  override render() {
    void this.locale;
    const ready = Boolean(this.participantId && (this.resolveRange || (this.from && this.to)));
    const span = this.span;
    return html`
      <button type="button" @click=${() => void this.open()} ?disabled=${!ready} data-test="attach-evidence">
        ${t('button')}
      </button>
      <dialog aria-labelledby="evidence-title" data-test="evidence-dialog">
        <h2 id="evidence-title">${t('title')}</h2>
        <p class="muted">${t('intro')}</p>
        <form @submit=${(e: SubmitEvent) => void this.confirm(e)} novalidate>
          <dl>
            <dt>${t('ticket')}</dt>
            <dd>${this.renderTicketChoice()}</dd>
            <dt>${t('query')}</dt>
            <dd><code data-test="evidence-query">${this.query || t('allEvents')}</code></dd>
            <dt>${t('range')}</dt>
            <dd data-test="evidence-range">${formatJst(span?.from, 'seconds')} – ${formatJst(span?.to, 'seconds')}</dd>
            ${
              this.deviceId
                ? html`<dt>${t('device')}</dt>
                    <dd><code>${this.deviceId}</code></dd>`
                : nothing
            }
            ${this.ticketId === NEW_TICKET && this.tickets !== null ? newTicketFields(t, this.sentTicket !== null) : nothing}
            <dt><label for="evidence-limit">${t('limit')}</label></dt>
            <dd>
              <input
                id="evidence-limit"
                type="number"
                min="1"
                max="500"
                step="1"
                .value=${this.limit}
                ?disabled=${this.result !== null || this.sentTicket !== null}
                @input=${(e: InputEvent) => (this.limit = (e.target as HTMLInputElement).value)}
                data-test="evidence-limit"
              />
            </dd>
            <dt><label for="evidence-mark">${t('mark')}</label></dt>
            <dd>
              <input
                id="evidence-mark"
                type="text"
                class="mono"
                aria-describedby="evidence-mark-hint"
                .value=${this.markQuery}
                ?disabled=${this.result !== null || this.sentTicket !== null}
                @input=${(e: InputEvent) => (this.markQuery = (e.target as HTMLInputElement).value)}
                data-test="evidence-mark-query"
              />
              <span id="evidence-mark-hint" class="muted hint">${t('markHint')}</span>
            </dd>
          </dl>
          ${this.error ? html`<p class="error" role="alert" data-test="evidence-error">${this.error}</p>` : nothing}
          ${this.result ? this.renderResult(this.result) : nothing}
          ${this.sentTicket ? this.renderSent(this.sentTicket) : nothing}
          <div class="actions">
            <button type="button" @click=${() => this.dialog?.close()} data-test="evidence-cancel">
              ${this.result || this.sentTicket ? t('close') : t('cancel')}
            </button>
            ${
              this.result || this.sentTicket
                ? nothing
                : html`<button
                    type="submit"
                    class="primary"
                    ?disabled=${this.busy || !this.ticketId}
                    data-test="evidence-confirm"
                  >
                    ${this.busy ? t('attaching') : this.ticketId === NEW_TICKET ? t('send') : t('confirm')}
                  </button>`
            }
          </div>
        </form>
      </dialog>
    `;
  }
}
customElements.define('yorozu-evidence-attach', EvidenceAttach);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-evidence-attach': EvidenceAttach;
  }
}
