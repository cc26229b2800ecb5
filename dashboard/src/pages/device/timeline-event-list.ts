import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { categoryColour, categoryLabel } from '../../format/event-categories.js';
import { eventSummary } from '../../format/event-summary.js';
import { formatJst } from '../../format/jst.js';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import type { TimelineEvent } from './device-api.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    time: '時刻',
    category: '種類',
    user: 'ユーザー',
    summary: '内容',
    more: 'さらに表示（残り {n} 件）',
    none: 'この範囲にイベントはありません。',
  },
  {
    time: 'Time',
    category: 'Category',
    user: 'User',
    summary: 'Summary',
    more: 'Show more ({n} left)',
    none: 'No events in this range.',
  },
);

export interface ListedEvent {
  event: TimelineEvent;
  /** Its index in the timeline's events, the same as in the chart. */
  index: number;
}

const FIRST_ROWS = 200;
const MORE_ROWS = 500;

/**
 * The timeline's events as a list, newest first like the log explorer. Long lists grow a few hundred rows at
 * a time so a 5,000-event week does not stall the page. The event picked in the chart is highlighted.
 */
export class TimelineEventList extends LitElement {
  static override properties = {
    entries: { attribute: false },
    selected: { attribute: false },
    shown: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      /* the list scrolls inside its own box, so the inventory below stays within reach */
      .scroll {
        overflow: auto;
        max-height: min(70vh, 640px);
        border: 1px solid var(--line);
        border-radius: 6px;
      }
      table {
        min-width: 680px;
        table-layout: fixed;
      }
      thead th {
        position: sticky;
        top: 0;
        background: #f8fafc;
        z-index: 1;
      }
      col.time {
        width: 13.5em;
      }
      col.category {
        width: 11.5em;
      }
      col.user {
        width: 10em;
      }
      td {
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        vertical-align: middle;
      }
      td.time {
        font-variant-numeric: tabular-nums;
      }
      tr.selected td {
        background: #eff6ff;
      }
      .dot {
        display: inline-block;
        width: 8px;
        height: 8px;
        border-radius: 50%;
        margin-right: 6px;
        vertical-align: middle;
      }
      .more {
        margin-top: 8px;
      }
    `,
  ];
  declare entries: ListedEvent[];
  declare selected: number | null;
  declare shown: number;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.entries = [];
    this.selected = null;
    this.shown = FIRST_ROWS;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('entries')) this.shown = FIRST_ROWS;
    if (changed.has('selected') && this.selected !== null) {
      const position = this.entries.findIndex((entry) => entry.index === this.selected);
      if (position >= this.shown) this.shown = position + 1;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('selected') && this.selected !== null) {
      this.renderRoot.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    }
  }

  private renderRow({ event, index }: ListedEvent) {
    const summary = eventSummary(event);
    return html`<tr
      class=${index === this.selected ? 'selected' : ''}
      data-test="timeline-row"
      data-category=${event.category}
      data-time=${event.time}
    >
      <td class="time">${formatJst(event.time)}</td>
      <td>
        <span class="dot" ${cssText(`background: ${categoryColour(event.category)}`)}></span
        >${categoryLabel(event.category)}
      </td>
      <td title=${event.user_name ?? ''}>${event.user_name || '—'}</td>
      <td title=${summary}>${summary || '—'}</td>
    </tr>`;
  }

  override render() {
    void this.locale;
    if (this.entries.length === 0) return html`<p class="muted" data-test="timeline-empty">${t('none')}</p>`;
    const rest = this.entries.length - this.shown;
    return html`
      <div class="scroll">
        <table data-test="timeline-list">
          <colgroup>
            <col class="time" />
            <col class="category" />
            <col class="user" />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th>${t('time')}</th>
              <th>${t('category')}</th>
              <th>${t('user')}</th>
              <th>${t('summary')}</th>
            </tr>
          </thead>
          <tbody>
            ${this.entries.slice(0, this.shown).map((entry) => this.renderRow(entry))}
          </tbody>
        </table>
      </div>
      ${
        rest > 0
          ? html`<button type="button" class="more" @click=${() => (this.shown += MORE_ROWS)} data-test="timeline-more">
              ${t('more', { n: formatCount(rest) })}
            </button>`
          : nothing
      }
    `;
  }
}
customElements.define('yorozu-timeline-event-list', TimelineEventList);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-timeline-event-list': TimelineEventList;
  }
}
