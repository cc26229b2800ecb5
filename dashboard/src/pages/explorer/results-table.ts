import { LitElement, html, nothing } from 'lit';
import '@lit-labs/virtualizer';
import type { VisibilityChangedEvent } from '@lit-labs/virtualizer';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { formatJst } from '../../format/jst.js';
import { formatCount } from '../../format/numbers.js';
import { sharedStyles } from '../../styles/theme.js';
import type { QueryField } from '../../api/event-fields.js';
import { eventKey, type LogEvent } from './explorer-api.js';
import { categoryColour, categoryLabel } from '../../format/event-categories.js';
import { displayValue, fieldLabel } from '../../format/event-field-labels.js';
import { summaryEntries } from './event-fields.js';
import { resultsTableStyles } from './results-table.styles.js';
import { cssText } from '../../styles/css-text.js';
import { DEFAULT_COLUMNS, type ResultOrder } from './explorer-state.js';
import { headerSort, isNumberColumn, orderAfterClick } from './result-order.js';

const t = defineMessages(
  {
    time: '時刻 (JST)',
    host: 'ホスト',
    category: 'カテゴリー',
    user: 'ユーザー',
    summary: '内容',
    shownOldest: '{count} 件を表示 (古い順)',
    moreNewer: 'さらに新しいイベントがあります',
    endNewer: 'これ以上新しいイベントはありません',
    loadNewer: 'さらに新しいイベントを読み込む',
    loading: '読み込み中…',
    empty: '条件に合うイベントはありません。',
    shown: '{count} 件を表示 (新しい順)',
    more: 'さらに古いイベントがあります',
    end: 'これ以上古いイベントはありません',
    loadOlder: 'さらに古いイベントを読み込む',
    label: '検索結果',
    shownBy: '{count} 件を表示 ({column}の{direction})',
    ascending: '昇順',
    descending: '降順',
    moreBy: 'さらにイベントがあります',
    endBy: 'これ以上のイベントはありません',
    loadMoreBy: '続きを読み込む',
    sortCost: '時刻以外の列で並べ替えると、期間内の一致するイベントをすべて読むため、時間がかかることがあります。',
  },
  {
    time: 'Time (JST)',
    host: 'Host',
    category: 'Category',
    user: 'User',
    summary: 'Summary',
    shownOldest: '{count} events shown (oldest first)',
    moreNewer: 'Newer events exist',
    endNewer: 'No newer events',
    loadNewer: 'Load newer events',
    loading: 'Loading…',
    empty: 'No events match.',
    shown: '{count} events shown (newest first)',
    more: 'Older events exist',
    end: 'No older events',
    loadOlder: 'Load older events',
    label: 'Search results',
    shownBy: '{count} events shown ({column}, {direction})',
    ascending: 'ascending',
    descending: 'descending',
    moreBy: 'More events exist',
    endBy: 'No more events',
    loadMoreBy: 'Load more',
    sortCost:
      'Ordering by a column other than the time reads every matching event of the range, so it can take longer.',
  },
);
/** Rows before the end at which the next page is fetched, so scrolling rarely waits. */
const PREFETCH_ROWS = 20;
/** Widths of the columns people choose most; any other chosen column gets `OTHER_WIDTH`. */
const COLUMN_WIDTHS: Record<string, string> = { hostname: '9em', category: '9.5em', user_name: '8em' };
const OTHER_WIDTH = 'minmax(6em, 12em)';

/**
 * The matching events in the chosen order, with the chosen columns between the time and the summary, rendered with a virtualizer so that only the visible rows exist
 * in the page however many are loaded. Scrolling near the end asks for the next, older page.
 * @event event-select - detail `{ event }`: a row was clicked (or Enter on it).
 * @event load-older - the next page is wanted.
 * @event sort-change - detail `{ sort }`: a column header was clicked (or Enter/Space on it); the new order.
 */
export class ResultsTable extends LitElement {
  static override properties = {
    events: { attribute: false },
    fields: { attribute: false },
    loading: { type: Boolean },
    hasMore: { type: Boolean },
    freshKeys: { attribute: false },
    selectedKey: { attribute: false },
    columns: { attribute: false },
    order: { attribute: false },
  };
  static override styles = [sharedStyles, resultsTableStyles];
  declare events: LogEvent[];
  declare fields: QueryField[];
  declare loading: boolean;
  declare hasMore: boolean;
  declare freshKeys: ReadonlySet<string>;
  declare selectedKey: string | null;
  /** Event column names, in order; those the catalogue does not know are left out. */
  declare columns: readonly string[];
  declare order: ResultOrder;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.events = [];
    this.fields = [];
    this.loading = false;
    this.hasMore = false;
    this.freshKeys = new Set();
    this.selectedKey = null;
    this.columns = DEFAULT_COLUMNS;
    this.order = 'newest';
  }

  /** The chosen columns the table can show: the host name and the catalogue's own columns. */
  private shownColumns(): string[] {
    const known = new Set(['hostname', ...this.fields.map((field) => field.column)]);
    return this.columns.filter((column) => known.has(column));
  }

  protected override willUpdate(): void {
    // The grid's tracks follow the chosen columns (set through the CSSOM: the CSP allows no inline styles).
    const widths = this.shownColumns().map((column) => COLUMN_WIDTHS[column] ?? OTHER_WIDTH);
    this.style.setProperty('--result-columns', ['13.5em', ...widths, 'minmax(0, 1fr)'].join(' '));
  }

  private columnLabel(column: string) {
    if (column === 'hostname') return t('host');
    if (column === 'user_name') return t('user');
    return fieldLabel(column, this.fields);
  }

  /** A header that orders the results by its column: a button (Enter and Space), its state in aria-sort. */
  private sortableHeader(key: string, label: string) {
    const direction = headerSort(this.order, key);
    const ariaSort = direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none';
    return html`<span role="columnheader" aria-sort=${ariaSort} data-test="column-header" data-column=${key}
      ><button
        type="button"
        class="sort ${direction ? 'active' : ''}"
        data-test="sort-by"
        data-column=${key}
        @click=${() => this.sortBy(key)}
      >
        ${label}${direction ? html`<span aria-hidden="true">${direction === 'asc' ? ' ▲' : ' ▼'}</span>` : nothing}
      </button></span
    >`;
  }

  private sortBy(key: string) {
    const sort = orderAfterClick(this.order, key, isNumberColumn(key, this.fields));
    this.dispatchEvent(new CustomEvent('sort-change', { detail: { sort }, bubbles: true, composed: true }));
  }

  private renderCell(event: LogEvent, column: string) {
    if (column === 'category')
      return html`<span class="category" role="cell" data-column="category"
        ><span class="dot" ${cssText(`background:${categoryColour(event.category)}`)}></span
        >${categoryLabel(event.category)}</span
      >`;
    const raw = event[column];
    const value = raw === undefined || raw === null || raw === '' ? '' : displayValue(column, String(raw));
    return html`<span
      class="cell ${column === 'hostname' ? 'host' : ''}"
      role="cell"
      data-column=${column}
      title=${value}
      >${value || '—'}</span
    >`;
  }

  private select(event: LogEvent) {
    this.dispatchEvent(new CustomEvent('event-select', { detail: { event }, bubbles: true, composed: true }));
  }

  private loadOlder() {
    if (this.hasMore && !this.loading)
      this.dispatchEvent(new CustomEvent('load-older', { bubbles: true, composed: true }));
  }

  private onVisibilityChanged(event: VisibilityChangedEvent) {
    if (event.last >= this.events.length - PREFETCH_ROWS) this.loadOlder();
  }

  private renderRow(event: LogEvent) {
    const key = eventKey(event);
    return html`
      <div
        class="row cells ${this.freshKeys.has(key) ? 'fresh' : ''}"
        role="row"
        tabindex="0"
        data-test="result-row"
        aria-selected=${this.selectedKey === key ? 'true' : 'false'}
        @click=${() => this.select(event)}
        @keydown=${(e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), this.select(event))}
      >
        <span class="time" role="cell">${formatJst(event.time, 'millis')}</span>
        ${this.shownColumns().map((column) => this.renderCell(event, column))}
        <span class="summary" role="cell"
          >${summaryEntries(event).map(
            (entry) =>
              html`<span class="pair"
                ><span class="name">${fieldLabel(entry.column, this.fields)}</span
                >${displayValue(entry.column, entry.value)}</span
              >`,
          )}</span
        >
      </div>
    `;
  }

  /** What the footer says: how many are shown in which order, whether more exist, and the button's text. */
  private footerTexts(count: string): { shown: string; more: string; load: string } {
    const { order, hasMore } = this;
    if (typeof order === 'object') {
      const direction = order.direction === 'asc' ? t('ascending') : t('descending');
      return {
        shown: t('shownBy', { count, column: this.columnLabel(order.column), direction }),
        more: hasMore ? t('moreBy') : t('endBy'),
        load: t('loadMoreBy'),
      };
    }
    if (order === 'oldest')
      return {
        shown: t('shownOldest', { count }),
        more: hasMore ? t('moreNewer') : t('endNewer'),
        load: t('loadNewer'),
      };
    return { shown: t('shown', { count }), more: hasMore ? t('more') : t('end'), load: t('loadOlder') };
  }

  private renderFooter() {
    const { shown, more, load } = this.footerTexts(formatCount(this.events.length));
    return html`<div class="footer">
      <span class="muted" data-test="results-count">${shown} · ${more}</span>
      ${typeof this.order === 'object' ? html`<span class="muted" data-test="sort-cost">${t('sortCost')}</span>` : nothing}
      ${this.loading && this.events.length > 0 ? html`<span class="muted" data-test="results-loading">${t('loading')}</span>` : nothing}
      ${this.hasMore ? html`<button data-test="load-older" ?disabled=${this.loading} @click=${this.loadOlder}>${load}</button>` : nothing}
    </div>`;
  }

  override render() {
    void this.locale;
    if (this.events.length === 0) {
      return html`<div class="table panel empty muted" data-test=${this.loading ? 'results-loading' : 'results-empty'}>
        ${this.loading ? t('loading') : t('empty')}
      </div>`;
    }
    return html`
      <div class="table" role="table" aria-label=${t('label')}>
        <div class="cells header" role="row">
          ${this.sortableHeader('time', t('time'))}
          ${this.shownColumns().map((column) => this.sortableHeader(column, this.columnLabel(column)))}
          <span role="columnheader">${t('summary')}</span>
        </div>
        <lit-virtualizer
          scroller
          role="rowgroup"
          .items=${this.events}
          .keyFunction=${(event: LogEvent) => eventKey(event)}
          .renderItem=${(event: LogEvent) => this.renderRow(event)}
          @visibilityChanged=${this.onVisibilityChanged}
        ></lit-virtualizer>
        ${this.renderFooter()}
      </div>
    `;
  }
}
customElements.define('yorozu-results-table', ResultsTable);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-results-table': ResultsTable;
  }
}
