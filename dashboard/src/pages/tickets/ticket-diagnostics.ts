import { LitElement, css, html, nothing } from 'lit';
import { formatJst } from '../../format/jst.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import './message-form.js';
import { diagnosticsItemLabel, diagnosticsStatusLabel } from './ticket-labels.js';
import {
  answerDiagnostics,
  failureText,
  fetchDiagnosticsBundle,
  type DiagnosticsBundle,
  type DiagnosticsRequest,
  type TicketDetail,
} from './tickets-api.js';
import { ticketsStyles } from './tickets.styles.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    title: '診断情報の依頼',
    agent: 'エージェントから取得',
    form: 'フォームでのお願い',
    device: '端末',
    items: '取得する情報',
    requested: '{at} に {by} が依頼',
    received: '受信: {at}',
    answer: 'ご回答',
    answerSubmit: '回答を送信',
    view: '内容を見る',
    hide: '閉じる',
    download: 'JSON をダウンロード',
    loading: '読み込み中…',
    answered: 'ご回答はやりとりの欄に表示されています。',
    sep: '、',
  },
  {
    title: 'Diagnostics requests',
    agent: 'From the agent',
    form: 'Form for the participant',
    device: 'Device',
    items: 'Items',
    requested: 'Requested {at} by {by}',
    received: 'Received {at}',
    answer: 'Your answer',
    answerSubmit: 'Send the answer',
    view: 'View',
    hide: 'Close',
    download: 'Download JSON',
    loading: 'Loading…',
    answered: 'The answer is shown in the conversation.',
    sep: ', ',
  },
);

/**
 * The ticket's diagnostics requests and their state. A participant user answers an open form request here
 * (body and files); an operator opens a bundle an agent sent, as JSON on screen or downloaded.
 */
export class TicketDiagnostics extends LitElement {
  static override properties = {
    ticket: { attribute: false },
    operator: { type: Boolean },
    bundles: { state: true },
    open: { state: true },
    errors: { state: true },
  };
  static override styles = [
    sharedStyles,
    ticketsStyles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 10px;
      }
      li {
        border: 1px solid var(--line);
        border-radius: 6px;
        padding: 8px 10px;
        min-width: 0;
      }
      .head {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
        align-items: center;
      }
      .instructions {
        white-space: pre-wrap;
        margin: 6px 0;
        overflow-wrap: anywhere;
      }
      pre.json {
        max-height: 420px;
        overflow: auto;
        background: #0f172a;
        color: #e2e8f0;
        padding: 8px;
        border-radius: 6px;
        font-size: 0.8rem;
      }
      .badge.diag.received,
      .badge.diag.answered {
        background: #ecfdf5;
        border-color: #6ee7b7;
        color: #065f46;
      }
      .badge.diag.awaiting_answer,
      .badge.diag.waiting_for_device {
        background: #fffbeb;
        border-color: #fcd34d;
        color: #92400e;
      }
    `,
  ];
  declare ticket: TicketDetail;
  declare operator: boolean;
  declare bundles: Record<string, DiagnosticsBundle>;
  declare open: string | null;
  declare errors: Record<string, string>;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.operator = false;
    this.bundles = {};
    this.open = null;
    this.errors = {};
  }

  private async toggleBundle(request: DiagnosticsRequest): Promise<void> {
    if (this.open === request.requestId) {
      this.open = null;
      return;
    }
    this.open = request.requestId;
    if (this.bundles[request.requestId]) return;
    try {
      const bundle = await fetchDiagnosticsBundle(this.ticket.participantId, this.ticket.ticketId, request.requestId);
      this.bundles = { ...this.bundles, [request.requestId]: bundle };
    } catch (error) {
      this.errors = { ...this.errors, [request.requestId]: failureText(error) };
    }
  }

  private download(bundle: DiagnosticsBundle): void {
    const url = URL.createObjectURL(new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/json' }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = `diagnostics-${this.ticket.reference}-${bundle.requestId.slice(0, 8)}.json`;
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private renderBundle(request: DiagnosticsRequest) {
    const bundle = this.bundles[request.requestId];
    const error = this.errors[request.requestId];
    return html`<div class="actions" ${cssText(`margin-top: 6px`)}>
        <button type="button" @click=${() => void this.toggleBundle(request)} data-test="diagnostics-view">
          ${this.open === request.requestId ? t('hide') : t('view')}
        </button>
        ${bundle ? html`<button type="button" @click=${() => this.download(bundle)} data-test="diagnostics-download">${t('download')}</button>` : nothing}
      </div>
      ${
        this.open === request.requestId
          ? error
            ? html`<p class="error" role="alert">${error}</p>`
            : bundle
              ? html`<pre class="json" data-test="diagnostics-bundle">${JSON.stringify(bundle.content, null, 2)}</pre>`
              : html`<p class="muted">${t('loading')}</p>`
          : nothing
      }`;
  }

  private renderRequest(request: DiagnosticsRequest) {
    const { participantId, ticketId } = this.ticket;
    const answerable = !this.operator && request.via === 'form' && request.status === 'awaiting_answer';
    return html`<li data-test="diagnostics-request" data-request-id=${request.requestId} data-status=${request.status}>
      <div class="head">
        <strong>${request.via === 'agent' ? t('agent') : t('form')}</strong>
        <span class="badge diag ${request.status}">${diagnosticsStatusLabel(request.status)}</span>
        <span class="muted hint"
          >${t('requested', { at: formatJst(request.requestedAt, 'datetime'), by: request.requestedBy })}</span
        >
        ${request.receivedAt ? html`<span class="muted hint">${t('received', { at: formatJst(request.receivedAt, 'datetime') })}</span>` : nothing}
      </div>
      ${
        request.via === 'agent'
          ? html`<div class="hint">
              ${t('device')}: ${request.hostname ?? request.deviceId ?? '—'} · ${t('items')}:
              ${request.include.map(diagnosticsItemLabel).join(t('sep'))}
            </div>`
          : html`<p class="instructions">${request.instructions}</p>`
      }
      ${
        answerable
          ? html`<yorozu-ticket-message-form
              test-prefix="diagnostics-answer"
              .label=${t('answer')}
              .submitLabel=${t('answerSubmit')}
              .send=${(body: string, files: File[]) => answerDiagnostics(participantId, ticketId, request.requestId, body, files)}
            ></yorozu-ticket-message-form>`
          : nothing
      }
      ${request.via === 'form' && request.status === 'answered' ? html`<p class="muted hint" ${cssText(`margin: 0`)}>${t('answered')}</p>` : nothing}
      ${this.operator && request.via === 'agent' && request.status === 'received' ? this.renderBundle(request) : nothing}
    </li>`;
  }

  override render() {
    void this.locale;
    const requests = this.ticket?.diagnostics ?? [];
    if (!requests.length) return nothing;
    return html`<section class="panel" data-test="ticket-diagnostics">
      <h2 ${cssText(`margin-top: 0`)}>${t('title')}</h2>
      <ul>
        ${requests.map((request) => this.renderRequest(request))}
      </ul>
    </section>`;
  }
}
customElements.define('yorozu-ticket-diagnostics', TicketDiagnostics);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-ticket-diagnostics': TicketDiagnostics;
  }
}
