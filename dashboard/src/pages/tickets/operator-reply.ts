import { LitElement, css, html, nothing } from 'lit';
import type { EvidenceSummary } from '../../api/desk-types.js';
import { formatJst } from '../../format/jst.js';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import type { FilePicker } from './file-picker.js';
import './evidence-view.js';
import './file-picker.js';
import './reply-template-picker.js';
import { ticketUpdated } from './message-form.js';
import { statusLabel } from './ticket-labels.js';
import { failureText, postReply, STATUS_AFTER_REPLY, type StatusAfterReply, type TicketDetail } from './tickets-api.js';
import { ticketsStyles } from './tickets.styles.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    body: '回答（お客様にメールでもお送りします）',
    evidence: '添付する証拠',
    noEvidence: '添付できる証拠はまだありません。',
    attachFromLogs: 'ログから証拠を添付',
    rows: '{n} 行',
    preview: '内容を見る',
    hidePreview: '閉じる',
    statusAfter: '送信後の状態',
    submit: '回答を送信',
    sending: '送信しています…',
    empty: '回答を入力してください。',
  },
  {
    body: 'Answer (also mailed to the requester)',
    evidence: 'Evidence to attach',
    noEvidence: 'No evidence ready to attach yet.',
    attachFromLogs: 'Attach evidence from the logs',
    rows: '{n} rows',
    preview: 'Preview',
    hidePreview: 'Close',
    statusAfter: 'Status after sending',
    submit: 'Send answer',
    sending: 'Sending…',
    empty: 'Write the answer first.',
  },
);

/**
 * An operator's public answer: body, files, the ticket's pending evidence to attach (each a checkbox with its
 * query, range and row count, and a preview), and the status after sending (お客様の回答待ち by default).
 * 「ログから証拠を添付」 opens the explorer, whose dialog adds evidence to this ticket.
 */
export class OperatorReply extends LitElement {
  static override properties = {
    ticket: { attribute: false },
    sending: { state: true },
    error: { state: true },
    chosen: { state: true },
    previewing: { state: true },
  };
  static override styles = [
    sharedStyles,
    ticketsStyles,
    css`
      fieldset {
        border: 1px solid var(--line);
        border-radius: 6px;
        padding: 6px 10px;
        margin: 0;
        min-width: 0;
      }
      legend {
        font-weight: 600;
        font-size: 0.9rem;
      }
      .evidence-item {
        display: grid;
        gap: 2px;
        padding: 4px 0;
        border-bottom: 1px dotted var(--line);
      }
      .evidence-item:last-child {
        border-bottom: none;
      }
      .evidence-item label {
        display: flex;
        gap: 8px;
        align-items: flex-start;
      }
      .evidence-item .query {
        overflow-wrap: anywhere;
      }
      .evidence-item button {
        justify-self: start;
        padding: 0 8px;
        font-size: 0.8rem;
      }
    `,
  ];
  declare ticket: TicketDetail;
  declare sending: boolean;
  declare error: string;
  declare chosen: Set<string>;
  declare previewing: string | null;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.sending = false;
    this.error = '';
    this.chosen = new Set();
    this.previewing = null;
  }

  private toggle(evidenceId: string, checked: boolean): void {
    const next = new Set(this.chosen);
    if (checked) next.add(evidenceId);
    else next.delete(evidenceId);
    this.chosen = next;
  }

  /** A file over the limit is said at once, in the form's error line. */
  private filesChanged(event: Event): void {
    this.error = (event.target as FilePicker).problem;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const textarea = this.renderRoot.querySelector('textarea');
    const select = this.renderRoot.querySelector('select');
    const picker = this.renderRoot.querySelector<FilePicker>('yorozu-ticket-file-picker');
    const body = textarea?.value.trim() ?? '';
    this.error = !body ? t('empty') : (picker?.problem ?? '');
    if (this.error) return;
    const pending = new Set(this.ticket.pendingEvidence.map((e) => e.evidenceId));
    this.sending = true;
    try {
      const ticket = await postReply(
        this.ticket.participantId,
        this.ticket.ticketId,
        {
          body,
          evidenceIds: [...this.chosen].filter((id) => pending.has(id)),
          statusAfter: (select?.value ?? 'awaiting_participant') as StatusAfterReply,
        },
        picker?.files ?? [],
      );
      if (textarea) textarea.value = '';
      picker?.clear();
      this.chosen = new Set();
      this.previewing = null;
      ticketUpdated(this, ticket);
    } catch (error) {
      this.error = failureText(error);
    } finally {
      this.sending = false;
    }
  }

  private renderEvidence(evidence: EvidenceSummary) {
    const open = this.previewing === evidence.evidenceId;
    return html`<div class="evidence-item">
      <label>
        <input
          type="checkbox"
          value=${evidence.evidenceId}
          .checked=${this.chosen.has(evidence.evidenceId)}
          data-test="reply-evidence"
          @change=${(e: Event) => this.toggle(evidence.evidenceId, (e.target as HTMLInputElement).checked)}
        />
        <span>
          <span class="mono query">${evidence.query || '*'}</span><br />
          <span class="muted hint"
            >${formatJst(evidence.from, 'datetime')} – ${formatJst(evidence.to, 'datetime')} ·
            ${t('rows', { n: formatCount(evidence.rowCount) })} · ${evidence.createdBy}</span
          >
        </span>
      </label>
      <button
        type="button"
        @click=${() => (this.previewing = open ? null : evidence.evidenceId)}
        aria-expanded=${String(open)}
      >
        ${open ? t('hidePreview') : t('preview')}
      </button>
      ${open ? html`<yorozu-ticket-evidence-view .participantId=${this.ticket.participantId} .ticketId=${this.ticket.ticketId} .summary=${evidence}></yorozu-ticket-evidence-view>` : nothing}
    </div>`;
  }

  /** A chosen template goes where the operator is writing: the empty answer, or after what is there. */
  private readonly insertTemplate = (event: CustomEvent<{ body: string }>) => {
    const textarea = this.renderRoot.querySelector('textarea');
    if (!textarea) return;
    textarea.value = textarea.value.trim() ? `${textarea.value.trimEnd()}\n\n${event.detail.body}` : event.detail.body;
    textarea.focus();
  };

  override render() {
    void this.locale;
    const ticket = this.ticket;
    if (!ticket) return nothing;
    return html`<form class="stack" @submit=${this.submit} novalidate data-test="reply-form">
      <yorozu-reply-template-picker
        .participantId=${ticket.participantId}
        .ticketId=${ticket.ticketId}
        @template-chosen=${this.insertTemplate}
      ></yorozu-reply-template-picker>
      <label class="field"
        >${t('body')}<textarea rows="8" maxlength="20000" ?disabled=${this.sending} data-test="reply-body"></textarea>
      </label>
      <yorozu-ticket-file-picker
        test-id="reply-files"
        ?disabled=${this.sending}
        @files-changed=${this.filesChanged}
      ></yorozu-ticket-file-picker>
      <fieldset>
        <legend>${t('evidence')}</legend>
        ${ticket.pendingEvidence.length ? ticket.pendingEvidence.map((evidence) => this.renderEvidence(evidence)) : html`<p class="muted hint" ${cssText(`margin: 0`)}>${t('noEvidence')}</p>`}
        <a href=${`/participants/${ticket.participantId}/explorer`} data-test="attach-from-logs"
          >${t('attachFromLogs')}</a
        >
      </fieldset>
      <label class="field"
        >${t('statusAfter')}
        <select data-test="reply-status-after">
          ${STATUS_AFTER_REPLY.map((status) => html`<option value=${status} ?selected=${status === 'awaiting_participant'}>${statusLabel(status)}</option>`)}
        </select>
      </label>
      ${this.error ? html`<p class="error" role="alert" data-test="reply-error">${this.error}</p>` : nothing}
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.sending} data-test="reply-submit">
          ${this.sending ? t('sending') : t('submit')}
        </button>
      </div>
    </form>`;
  }
}
customElements.define('yorozu-ticket-operator-reply', OperatorReply);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-ticket-operator-reply': OperatorReply;
  }
}
