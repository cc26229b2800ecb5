import { LitElement, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { CATEGORIES, STATUSES, type Category, type Status } from '../../api/desk-types.js';
import { ApiLoader } from '../../components/api-loader/api-loader.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { ticketUpdated } from './message-form.js';
import { categoryLabel, statusLabel } from './ticket-labels.js';
import {
  failureText,
  fetchOperators,
  setAssignee,
  setCategory,
  setStatus,
  type OperatorAccount,
  type TicketDetail,
} from './tickets-api.js';
import { ticketsStyles } from './tickets.styles.js';

const t = defineMessages(
  {
    title: '対応',
    status: '状態',
    assignee: '担当',
    unassigned: '未割り当て',
    category: '分類',
    saving: '保存しています…',
    operatorsFailed: 'オペレーターの一覧を読めませんでした: {message}',
  },
  {
    title: 'Handling',
    status: 'Status',
    assignee: 'Assignee',
    unassigned: 'Unassigned',
    category: 'Category',
    saving: 'Saving…',
    operatorsFailed: 'Could not load the operators: {message}',
  },
);

/** An operator's settings of a ticket: status, assignee and category, each saved as soon as it is changed. */
export class OperatorControls extends LitElement {
  static override properties = { ticket: { attribute: false }, saving: { state: true }, error: { state: true } };
  static override styles = [sharedStyles, ticketsStyles];
  declare ticket: TicketDetail;
  declare saving: boolean;
  declare error: string;
  private readonly locale = new LocaleController(this);
  private readonly operators = new ApiLoader<OperatorAccount[]>(this, fetchOperators);

  constructor() {
    super();
    this.saving = false;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.operators.value) void this.operators.run();
  }

  private async save(change: () => Promise<TicketDetail>, select: HTMLSelectElement, previous: string): Promise<void> {
    this.saving = true;
    this.error = '';
    try {
      ticketUpdated(this, await change());
    } catch (error) {
      this.error = failureText(error);
      select.value = previous;
    } finally {
      this.saving = false;
    }
  }

  override render() {
    void this.locale;
    const ticket = this.ticket;
    if (!ticket) return nothing;
    const { participantId, ticketId } = ticket;
    const operators = this.operators.value ?? [];
    const assigned = ticket.assigneeId && !operators.some((o) => o.accountId === ticket.assigneeId);
    return html`<div class="stack" data-test="operator-controls">
      <label class="field"
        >${t('status')}
        <select
          data-test="ticket-status-select"
          ?disabled=${this.saving}
          .value=${live(ticket.status)}
          @change=${(e: Event) => {
            const s = e.target as HTMLSelectElement;
            void this.save(() => setStatus(participantId, ticketId, s.value as Status), s, ticket.status);
          }}
        >
          ${STATUSES.map((status) => html`<option value=${status} ?selected=${status === ticket.status}>${statusLabel(status)}</option>`)}
        </select>
      </label>
      <label class="field"
        >${t('assignee')}
        <select
          data-test="ticket-assignee-select"
          ?disabled=${this.saving}
          .value=${live(ticket.assigneeId ?? '')}
          @change=${(e: Event) => {
            const s = e.target as HTMLSelectElement;
            void this.save(() => setAssignee(participantId, ticketId, s.value || null), s, ticket.assigneeId ?? '');
          }}
        >
          <option value="" ?selected=${!ticket.assigneeId}>${t('unassigned')}</option>
          ${assigned ? html`<option value=${ticket.assigneeId ?? ''} selected>${ticket.assigneeName ?? ticket.assigneeId}</option>` : nothing}
          ${operators.map((o) => html`<option value=${o.accountId} ?selected=${o.accountId === ticket.assigneeId}>${o.displayName || o.loginName}</option>`)}
        </select>
      </label>
      <label class="field"
        >${t('category')}
        <select
          data-test="ticket-category-select"
          ?disabled=${this.saving}
          .value=${live(ticket.category)}
          @change=${(e: Event) => {
            const s = e.target as HTMLSelectElement;
            void this.save(() => setCategory(participantId, ticketId, s.value as Category), s, ticket.category);
          }}
        >
          ${CATEGORIES.map((category) => html`<option value=${category} ?selected=${category === ticket.category}>${categoryLabel(category)}</option>`)}
        </select>
      </label>
      ${this.saving ? html`<p class="muted hint" role="status">${t('saving')}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert" data-test="controls-error">${this.error}</p>` : nothing}
      ${this.operators.error ? html`<p class="error hint">${t('operatorsFailed', { message: this.operators.error })}</p>` : nothing}
    </div>`;
  }
}
customElements.define('yorozu-ticket-operator-controls', OperatorControls);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-ticket-operator-controls': OperatorControls;
  }
}
