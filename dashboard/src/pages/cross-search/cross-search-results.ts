import { LitElement, css, html, nothing } from 'lit';
import type { QueryField } from '../../api/event-fields.js';
import { categoryLabel } from '../../format/event-categories.js';
import { displayValue, fieldLabel } from '../../format/event-field-labels.js';
import { formatJst } from '../../format/jst.js';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { cardTableStyles, sharedStyles } from '../../styles/theme.js';
import { eventKey, type LogEvent } from '../explorer/explorer-api.js';
import { summaryEntries } from '../explorer/event-fields.js';

const t = defineMessages(
  {
    time: '時刻 (JST)',
    participant: '参加者',
    host: 'ホスト',
    category: 'カテゴリー',
    summary: '内容',
    empty: '条件に合うイベントはありません。',
    shown: '{count} 件を表示 (新しい順) · {searched} 参加者を検索',
    loadOlder: 'さらに古いイベントを読み込む',
    openExplorer: 'この参加者のログ検索で開く',
  },
  {
    time: 'Time (JST)',
    participant: 'Participant',
    host: 'Host',
    category: 'Category',
    summary: 'Summary',
    empty: 'No events match.',
    shown: '{count} events shown (newest first) · {searched} participants searched',
    loadOlder: 'Load older events',
    openExplorer: "Open in this participant's log explorer",
  },
);

/**
 * The matching events of every participant searched, newest first, each naming its participant with a link to
 * the same search in that participant's explorer. Below 600 px each row is a card.
 * @event load-older - the next page is wanted.
 */
export class CrossSearchResults extends LitElement {
  static override properties = {
    events: { attribute: false },
    fields: { attribute: false },
    names: { attribute: false },
    searched: { type: Number },
    hasMore: { type: Boolean },
    loading: { type: Boolean },
    explorerQuery: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    cardTableStyles,
    css`
      table {
        width: 100%;
        border-collapse: collapse;
        table-layout: fixed;
      }
      th,
      td {
        text-align: left;
        padding: 4px 6px;
        border-bottom: 1px solid var(--line);
        overflow: hidden;
        text-overflow: ellipsis;
        vertical-align: top;
      }
      col.time {
        width: 13em;
      }
      col.participant,
      col.host {
        width: 12em;
      }
      col.category {
        width: 9em;
      }
      .pair {
        margin-right: 10px;
        overflow-wrap: anywhere;
      }
      .pair .name {
        color: var(--muted);
        margin-right: 4px;
      }
      .footer {
        display: flex;
        gap: 12px;
        align-items: center;
        flex-wrap: wrap;
        margin-top: 8px;
      }
      /* The cards (cardTableStyles) closer together: a search shows many events. */
      @media (max-width: 600px) {
        table.cards tr {
          border-radius: 6px;
          padding: 6px;
          margin-bottom: 6px;
        }
        table.cards td {
          padding: 2px 0;
          white-space: normal;
        }
      }
    `,
  ];
  declare events: LogEvent[];
  declare fields: QueryField[];
  declare names: ReadonlyMap<string, string>;
  declare searched: number;
  declare hasMore: boolean;
  declare loading: boolean;
  declare explorerQuery: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.events = [];
    this.fields = [];
    this.names = new Map();
    this.searched = 0;
    this.hasMore = false;
    this.loading = false;
    this.explorerQuery = '';
  }

  private renderRow(event: LogEvent) {
    const participantId = String(event.participant_id);
    const name = this.names.get(participantId) ?? participantId;
    return html`<tr data-test="cross-result-row" data-participant=${participantId} data-key=${eventKey(event)}>
      <td>${formatJst(event.time, 'millis')}</td>
      <td>
        <a
          href=${`/participants/${participantId}/explorer${this.explorerQuery}`}
          title=${t('openExplorer')}
          data-test="cross-result-participant"
          >${name}</a
        >
      </td>
      <td>${event.hostname || '—'}</td>
      <td>${categoryLabel(event.category)}</td>
      <td>
        ${summaryEntries(event).map(
          (entry) =>
            html`<span class="pair"
              ><span class="name">${fieldLabel(entry.column, this.fields)}</span>${displayValue(
                entry.column,
                entry.value,
              )}</span
            >`,
        )}
      </td>
    </tr>`;
  }

  override render() {
    void this.locale;
    if (this.events.length === 0 && !this.loading)
      return html`<p class="panel muted" data-test="cross-results-empty">${t('empty')}</p>`;
    return html`
      <table class="cards" data-test="cross-results">
        <colgroup>
          <col class="time" />
          <col class="participant" />
          <col class="host" />
          <col class="category" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th>${t('time')}</th>
            <th>${t('participant')}</th>
            <th>${t('host')}</th>
            <th>${t('category')}</th>
            <th>${t('summary')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.events.map((event) => this.renderRow(event))}
        </tbody>
      </table>
      <div class="footer">
        <span class="muted" data-test="cross-results-count"
          >${t('shown', { count: formatCount(this.events.length), searched: formatCount(this.searched) })}</span
        >
        ${
          this.hasMore
            ? html`<button
                data-test="cross-load-older"
                ?disabled=${this.loading}
                @click=${() => this.dispatchEvent(new CustomEvent('load-older', { bubbles: true, composed: true }))}
              >
                ${t('loadOlder')}
              </button>`
            : nothing
        }
      </div>
    `;
  }
}
customElements.define('yorozu-cross-search-results', CrossSearchResults);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-cross-search-results': CrossSearchResults;
  }
}
