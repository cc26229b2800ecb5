import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { fetchParticipantTickets } from '../../api/desk-api.js';
import type { Status, TicketSummary } from '../../api/desk-types.js';
import type { Session } from '../../api/session.js';
import { ROUTE_CHANGED, ticketPagePath } from '../../app/router.js';
import { ApiLoader, loadStatus } from '../../components/api-loader/api-loader.js';
import { readParams, writeParams } from '../../components/url-state/url-state.js';
import { formatJst } from '../../format/jst.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { cardTableStylesUpTo, sharedStyles } from '../../styles/theme.js';
import { categoryLabel, channelLabel, slaDueCell, statusBadge } from './ticket-labels.js';
import { DONE_STATUSES, OPEN_STATUSES } from './tickets-api.js';
import { ticketsStyles } from './tickets.styles.js';
import { cssText } from '../../styles/css-text.js';

const FILTERS = ['open', 'done', 'all'] as const;
type Filter = (typeof FILTERS)[number];

const t = defineMessages(
  {
    title: 'お問い合わせ',
    intro: 'セキュリティや端末、サービスの使い方についてのご相談と、その回答です。',
    newTicket: '新しいお問い合わせ',
    show: '表示',
    open: '未解決のもの',
    done: '解決済み・完了',
    all: 'すべて',
    none: 'お問い合わせはありません。',
    count: '{n} 件',
    reference: '番号',
    subject: '件名',
    category: '分類',
    status: '状態',
    channel: '受付',
    created: '受付日時',
    updated: '更新日時',
    sla: 'SLA 期限',
    assignee: '担当',
    unassigned: '未割り当て',
  },
  {
    title: 'Tickets',
    intro: "Your questions about security, your PCs and the service, and the desk's answers.",
    newTicket: 'New ticket',
    show: 'Show',
    open: 'Not yet resolved',
    done: 'Resolved / closed',
    all: 'All',
    none: 'No tickets.',
    count: '{n} tickets',
    reference: 'Ref.',
    subject: 'Subject',
    category: 'Category',
    status: 'Status',
    channel: 'Channel',
    created: 'Opened',
    updated: 'Updated',
    sla: 'SLA due',
    assignee: 'Assignee',
    unassigned: 'Unassigned',
  },
);

const statusesOf = (filter: Filter): readonly Status[] | null =>
  filter === 'open' ? OPEN_STATUSES : filter === 'done' ? DONE_STATUSES : null;

/**
 * A participant's tickets, newest first: reference, subject, category, status, channel, times and the SLA clock that
 * matters now. Not-yet-resolved ones by default; the filter (`?show=open|done|all`) is kept in the address.
 */
export class TicketsPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    participantId: { attribute: false },
    filter: { state: true },
  };
  static override styles = [
    sharedStyles,
    ticketsStyles,
    cardTableStylesUpTo(760),
    css`
      .head {
        display: flex;
        gap: 12px;
        align-items: baseline;
        justify-content: space-between;
        flex-wrap: wrap;
      }
      .head a.button.primary {
        background: var(--accent);
        color: #fff;
        border-color: var(--accent);
      }
      .filters {
        margin: 8px 0 12px;
      }
      td.subject a {
        font-weight: 600;
      }
      td.subject .requester {
        display: block;
        font-size: 0.8rem;
      }
      /* Each ticket a card (cardTableStyles, from 760 px: the list has up to nine columns), "column: value" lines. */
      @media (max-width: 760px) {
        table.cards tr {
          margin-bottom: 8px;
          background: #fff;
        }
        table.cards td {
          padding: 2px 0;
        }
        table.cards td[data-label] {
          display: block;
        }
        table.cards td[data-label]::before {
          content: attr(data-label) ': ';
        }
      }
    `,
  ];
  declare session: Session;
  declare participantId: string;
  declare filter: Filter;
  private readonly locale = new LocaleController(this);
  private readonly tickets = new ApiLoader<TicketSummary[]>(this, () =>
    fetchParticipantTickets(this.participantId, statusesOf(this.filter)),
  );

  constructor() {
    super();
    this.participantId = '';
    this.filter = this.filterFromAddress();
  }

  private filterFromAddress(): Filter {
    const show = readParams().get('show');
    return (FILTERS as readonly string[]).includes(show ?? '') ? (show as Filter) : 'open';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(ROUTE_CHANGED, this.onRouteChanged);
  }

  override disconnectedCallback(): void {
    window.removeEventListener(ROUTE_CHANGED, this.onRouteChanged);
    super.disconnectedCallback();
  }

  private readonly onRouteChanged = () => {
    this.filter = this.filterFromAddress();
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.participantId) return;
    if (changed.has('participantId')) this.tickets.reset();
    if (changed.has('participantId') || changed.has('filter')) void this.tickets.run();
  }

  private choose(event: Event): void {
    const filter = (event.target as HTMLSelectElement).value as Filter;
    this.filter = filter;
    writeParams({ show: filter === 'open' ? null : filter });
  }

  private renderRow(ticket: TicketSummary, operator: boolean) {
    return html`<tr data-test="ticket-row" data-ticket-id=${ticket.ticketId} data-status=${ticket.status}>
      <td class="mono nowrap" data-label=${t('reference')}>${ticket.reference}</td>
      <td class="subject">
        <a href=${ticketPagePath(this.participantId, ticket.ticketId)} data-test="ticket-link">${ticket.subject}</a>
        ${operator ? html`<span class="muted requester">${ticket.requesterName}</span>` : nothing}
      </td>
      <td data-label=${t('category')}>${categoryLabel(ticket.category)}</td>
      <td class="nowrap" data-label=${t('status')}>${statusBadge(ticket.status)}</td>
      <td class="nowrap" data-label=${t('channel')}>${channelLabel(ticket.channel)}</td>
      ${operator ? html`<td data-label=${t('assignee')}>${ticket.assigneeName ?? html`<span class="muted">${t('unassigned')}</span>`}</td>` : nothing}
      <td class="nowrap" data-label=${t('created')}>${formatJst(ticket.createdAt, 'datetime')}</td>
      <td class="nowrap" data-label=${t('updated')}>${formatJst(ticket.updatedAt, 'datetime')}</td>
      <td data-label=${t('sla')}>${slaDueCell(ticket)}</td>
    </tr>`;
  }

  override render() {
    void this.locale;
    const operator = this.session?.role === 'operator';
    const tickets = this.tickets.value;
    return html`
      <div class="head">
        <h1>${t('title')}</h1>
        <a class="button primary" href=${`/participants/${this.participantId}/tickets/new`} data-test="ticket-new"
          >${t('newTicket')}</a
        >
      </div>
      <p class="muted" ${cssText(`margin: 0`)}>${t('intro')}</p>
      <div class="row filters">
        <label
          >${t('show')}
          <select @change=${this.choose} data-test="ticket-filter">
            ${FILTERS.map((f) => html`<option value=${f} ?selected=${f === this.filter}>${t(f)}</option>`)}
          </select>
        </label>
        ${tickets ? html`<span class="muted" data-test="ticket-count">${t('count', { n: tickets.length })}</span>` : nothing}
      </div>
      ${loadStatus(this.tickets, 'tickets')}
      ${tickets && tickets.length === 0 ? html`<p class="muted panel" data-test="tickets-empty">${t('none')}</p>` : nothing}
      ${
        tickets && tickets.length
          ? html`<section class="panel scroll">
              <table class="cards" data-test="ticket-table">
                <thead>
                  <tr>
                    <th>${t('reference')}</th>
                    <th>${t('subject')}</th>
                    <th>${t('category')}</th>
                    <th>${t('status')}</th>
                    <th>${t('channel')}</th>
                    ${operator ? html`<th>${t('assignee')}</th>` : nothing}
                    <th>${t('created')}</th>
                    <th>${t('updated')}</th>
                    <th>${t('sla')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${tickets.map((ticket) => this.renderRow(ticket, operator))}
                </tbody>
              </table>
            </section>`
          : nothing
      }
    `;
  }
}
customElements.define('yorozu-tickets-page', TicketsPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-tickets-page': TicketsPage;
  }
}
