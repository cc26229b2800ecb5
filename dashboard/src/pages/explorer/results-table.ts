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

const t = defineMessages(
  {
    time: '時刻 (JST)',
    host: 'ホスト',
    category: 'カテゴリー',
    user: 'ユーザー',
    summary: '内容',
    loading: '読み込み中…',
    empty: '条件に合うイベントはありません。',
    shown: '{count} 件を表示 (新しい順)',
    more: 'さらに古いイベントがあります',
    end: 'これ以上古いイベントはありません',
    loadOlder: 'さらに古いイベントを読み込む',
    label: '検索結果',
  },
  {
    time: 'Time (JST)',
    host: 'Host',
    category: 'Category',
    user: 'User',
    summary: 'Summary',
    loading: 'Loading…',
    empty: 'No events match.',
    shown: '{count} events shown (newest first)',
    more: 'Older events exist',
    end: 'No older events',
    loadOlder: 'Load older events',
    label: 'Search results',
  },
);
/** Rows before the end at which the next page is fetched, so scrolling rarely waits. */
const PREFETCH_ROWS = 20;

/**
 * The matching events, newest first, rendered with a virtualizer so that only the visible rows exist
 * in the page however many are loaded. Scrolling near the end asks for the next, older page.
 * @event event-select - detail `{ event }`: a row was clicked (or Enter on it).
 * @event load-older - the next page is wanted.
 */
export class ResultsTable extends LitElement {
  static override properties = {
    events: { attribute: false },
    fields: { attribute: false },
    loading: { type: Boolean },
    hasMore: { type: Boolean },
    freshKeys: { attribute: false },
    selectedKey: { attribute: false },
  };
  static override styles = [sharedStyles, resultsTableStyles];
  declare events: LogEvent[];
  declare fields: QueryField[];
  declare loading: boolean;
  declare hasMore: boolean;
  declare freshKeys: ReadonlySet<string>;
  declare selectedKey: string | null;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.events = [];
    this.fields = [];
    this.loading = false;
    this.hasMore = false;
    this.freshKeys = new Set();
    this.selectedKey = null;
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
    const user = typeof event['user_name'] === 'string' ? event['user_name'] : '';
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
        <span class="host" role="cell" title=${event.hostname ?? ''}>${event.hostname || '—'}</span>
        <span class="category" role="cell"
          ><span class="dot" ${cssText(`background:${categoryColour(event.category)}`)}></span
          >${categoryLabel(event.category)}</span
        >
        <span class="user" role="cell" title=${user}>${user || '—'}</span>
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

  private renderFooter() {
    const count = formatCount(this.events.length);
    return html`<div class="footer">
      <span class="muted" data-test="results-count"
        >${t('shown', { count })} · ${this.hasMore ? t('more') : t('end')}</span
      >
      ${this.loading && this.events.length > 0 ? html`<span class="muted" data-test="results-loading">${t('loading')}</span>` : nothing}
      ${this.hasMore ? html`<button data-test="load-older" ?disabled=${this.loading} @click=${this.loadOlder}>${t('loadOlder')}</button>` : nothing}
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
          <span role="columnheader">${t('time')}</span><span role="columnheader">${t('host')}</span
          ><span role="columnheader">${t('category')}</span><span role="columnheader">${t('user')}</span
          ><span role="columnheader">${t('summary')}</span>
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
