import { LitElement, html, nothing } from 'lit';
import { CATEGORIES, STATUSES, type TicketSummary } from '../../api/desk-types.js';
import { ApiLoader, loadStatus } from '../../components/api-loader/api-loader.js';
import { readParams, writeParams } from '../../components/url-state/url-state.js';
import { formatJst } from '../../format/jst.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { fetchQueue, type ParticipantOption, type QueueFilters } from './desk-api.js';
import { categoryName, statusName } from './desk-labels.js';
import { deskStyles } from './desk.styles.js';
import './phone-call-form.js';
import { ticketTable } from './ticket-table.js';

const t = defineMessages(
  {
    status: '状態',
    unfinished: '未完了（新規・対応中・回答待ち）',
    all: 'すべて',
    participant: '参加者',
    everyone: 'すべての参加者',
    assignee: '担当',
    me: '自分',
    none: '未割当',
    anyone: '全員',
    category: '種類',
    anyCategory: 'すべての種類',
    sla: 'SLA',
    anySla: '指定なし',
    warning: '警告',
    breached: '超過',
    refresh: '更新',
    updated: '{time} 更新（60秒ごとに自動更新）',
    count: '{n} 件',
    empty: '条件に合うチケットはありません。',
    clear: '条件を外す',
    search: '検索',
    searchPlaceholder: '件名・本文・参加者・受付番号',
    searchAllStatuses: '検索はすべての状態のチケットが対象です。',
  },
  {
    status: 'Status',
    unfinished: 'Unfinished (new, open, awaiting)',
    all: 'All',
    participant: 'Participant',
    everyone: 'All participants',
    assignee: 'Assignee',
    me: 'Me',
    none: 'Unassigned',
    anyone: 'Everyone',
    category: 'Category',
    anyCategory: 'All categories',
    sla: 'SLA',
    anySla: 'Any',
    warning: 'Warning',
    breached: 'Breached',
    refresh: 'Refresh',
    updated: 'Updated {time} (refreshes every 60 s)',
    count: '{n} tickets',
    empty: 'No tickets match.',
    clear: 'Clear filters',
    search: 'Search',
    searchPlaceholder: 'Subject, text, participant, reference',
    searchAllStatuses: 'The search looks through tickets of every status.',
  },
);

const REFRESH_MS = 60_000;
/** `status` in the address: absent means the unfinished ones, `all` means every status. */
const UNFINISHED = 'new,open,awaiting_participant';
const FILTER_PARAMS = ['q', 'status', 'participant', 'assignee', 'category', 'sla'] as const;
type FilterParam = (typeof FILTER_PARAMS)[number];

/**
 * The queue (GET /api/v1/admin/tickets): the filters live in the address, the list refreshes every
 * minute (the SLA clocks move) with the same filters, and a phone call can be logged as a ticket.
 */
export class DeskQueue extends LitElement {
  static override properties = {
    participants: { attribute: false },
    filters: { state: true },
    refreshedAt: { state: true },
  };
  static override styles = [sharedStyles, deskStyles];
  declare participants: ParticipantOption[] | null;
  declare filters: Record<FilterParam, string>;
  declare refreshedAt: Date | null;
  private readonly locale = new LocaleController(this);
  private readonly queue = new ApiLoader<TicketSummary[]>(this, () => fetchQueue(this.apiFilters()));
  private timer = 0;

  constructor() {
    super();
    this.participants = null;
    this.filters = readFilters();
    this.refreshedAt = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.filters = readFilters();
    void this.load();
    this.timer = window.setInterval(() => {
      if (!document.hidden) void this.load();
    }, REFRESH_MS);
    document.addEventListener('visibilitychange', this.onVisible);
  }

  override disconnectedCallback(): void {
    window.clearInterval(this.timer);
    document.removeEventListener('visibilitychange', this.onVisible);
    super.disconnectedCallback();
  }

  /** Back in a hidden tab after a while: the clocks have moved. */
  private readonly onVisible = () => {
    if (!document.hidden && this.refreshedAt && Date.now() - this.refreshedAt.getTime() > REFRESH_MS) void this.load();
  };

  private async load(): Promise<void> {
    const tickets = await this.queue.run();
    if (tickets) this.refreshedAt = new Date();
  }

  private apiFilters(): QueueFilters {
    const { q, status, participant, assignee, category, sla } = this.filters;
    return {
      q,
      // A search looks through every status unless one is chosen (an old answer is often what is sought).
      status: status === 'all' ? '' : status || (q ? '' : UNFINISHED),
      participantId: participant,
      assignee,
      category,
      sla,
    };
  }

  private setFilter(name: FilterParam, value: string): void {
    this.filters = { ...this.filters, [name]: value };
    writeParams({ [name]: value });
    void this.load();
  }

  private clear(): void {
    this.filters = { q: '', status: '', participant: '', assignee: '', category: '', sla: '' };
    writeParams(Object.fromEntries(FILTER_PARAMS.map((name) => [name, null])));
    void this.load();
  }

  private select(name: FilterParam, label: string, options: [string, string][]) {
    return html`<label
      >${label}
      <select
        .value=${this.filters[name]}
        @change=${(e: Event) => this.setFilter(name, (e.target as HTMLSelectElement).value)}
        data-test=${`desk-filter-${name}`}
      >
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${value === this.filters[name]}>${text}</option>`)}
      </select></label
    >`;
  }

  private renderFilters() {
    const participants = this.participants ?? [];
    const chosen = this.filters.participant;
    // A participant in the address that is not in the list (yet) still shows as chosen.
    const participantOptions: [string, string][] = [
      ['', t('everyone')],
      ...participants.map((p): [string, string] => [p.participantId, p.name]),
    ];
    if (chosen && !participants.some((p) => p.participantId === chosen)) participantOptions.push([chosen, chosen]);
    return html`<div class="filters" role="search">
      <form
        class="ticket-search"
        @submit=${(e: Event) => {
          e.preventDefault();
          const input = (e.target as HTMLFormElement).querySelector('input')!;
          this.setFilter('q', input.value.trim());
        }}
      >
        <label
          >${t('search')}
          <input
            type="search"
            name="q"
            maxlength="200"
            .value=${this.filters.q}
            placeholder=${t('searchPlaceholder')}
            data-test="desk-search"
          />
        </label>
        <button type="submit" data-test="desk-search-submit">${t('search')}</button>
      </form>
      ${this.select('status', t('status'), [['', t('unfinished')], ['all', t('all')], ...STATUSES.map((s): [string, string] => [s, statusName(s)])])}
      ${this.select('participant', t('participant'), participantOptions)}
      ${this.select('assignee', t('assignee'), [
        ['', t('anyone')],
        ['me', t('me')],
        ['none', t('none')],
      ])}
      ${this.select('category', t('category'), [['', t('anyCategory')], ...CATEGORIES.map((c): [string, string] => [c, categoryName(c)])])}
      ${this.select('sla', t('sla'), [
        ['', t('anySla')],
        ['warning', t('warning')],
        ['breached', t('breached')],
      ])}
      ${FILTER_PARAMS.some((name) => this.filters[name]) ? html`<button type="button" @click=${() => this.clear()} data-test="desk-filter-clear">${t('clear')}</button>` : nothing}
      <span class="spacer"></span>
      <yorozu-phone-call-form .participants=${this.participants} .participantId=${chosen}></yorozu-phone-call-form>
    </div>`;
  }

  override render() {
    void this.locale;
    const tickets = this.queue.value;
    return html`
      ${this.renderFilters()}
      <div class="meta">
        ${tickets ? html`<strong data-test="desk-count">${t('count', { n: tickets.length })}</strong>` : nothing}
        ${this.refreshedAt ? html`<span class="muted" data-test="desk-refreshed">${t('updated', { time: formatJst(this.refreshedAt, 'time') })}</span>` : nothing}
        <span class="spacer"></span>
        <button type="button" @click=${() => void this.load()} ?disabled=${this.queue.loading} data-test="desk-refresh">
          ${t('refresh')}
        </button>
      </div>
      ${this.filters.q && !this.filters.status ? html`<p class="muted" data-test="desk-search-hint">${t('searchAllStatuses')}</p>` : nothing}
      ${tickets && this.queue.loading ? nothing : loadStatus(this.queue, 'desk-queue')}
      ${tickets ? (tickets.length ? ticketTable(tickets, 'desk-row') : html`<p class="muted empty" data-test="desk-empty">${t('empty')}</p>`) : nothing}
    `;
  }
}

function readFilters(): Record<FilterParam, string> {
  const params = readParams();
  return Object.fromEntries(FILTER_PARAMS.map((name) => [name, params.get(name) ?? ''])) as Record<FilterParam, string>;
}

customElements.define('yorozu-desk-queue', DeskQueue);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-desk-queue': DeskQueue;
  }
}
