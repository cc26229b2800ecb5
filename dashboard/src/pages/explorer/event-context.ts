import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { formatJst, parseUtc } from '../../format/jst.js';
import { sharedStyles } from '../../styles/theme.js';
import type { QueryField } from '../../api/event-fields.js';
import { eventKey, loadContext, type LogEvent } from './explorer-api.js';
import { categoryColour, categoryLabel } from '../../format/event-categories.js';
import { displayValue, fieldLabel } from '../../format/event-field-labels.js';
import { summaryEntries } from './event-fields.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    title: '前後のイベント (同じ端末)',
    loading: '前後のイベントを読み込み中…',
    none: '前後にイベントはありません。',
    failed: '前後のイベントを読み込めませんでした: {message}',
    hit: 'このイベント',
  },
  {
    title: 'Surrounding events (same device)',
    loading: 'Loading the surrounding events…',
    none: 'No events around it.',
    failed: 'Could not load the surrounding events: {message}',
    hit: 'This event',
  },
);
const CONTEXT_SIZE = 10;

/**
 * The events just before and after one event on the same device (GET …/events/context), the event
 * itself highlighted and scrolled into view.
 * @event event-select - detail `{ event }`: a surrounding event was clicked, to see its detail.
 */
export class EventContext extends LitElement {
  static override properties = {
    participantId: { attribute: false },
    event: { attribute: false },
    fields: { attribute: false },
    rows: { state: true },
    error: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      h3 {
        font-size: 0.95rem;
        margin: 12px 0 6px;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        border: 1px solid var(--line);
        border-radius: 6px;
        font-size: 0.8rem;
      }
      li {
        border-bottom: 1px solid #eef1f4;
        cursor: pointer;
      }
      li:last-child {
        border-bottom: none;
      }
      li:hover {
        background: #f8fafc;
      }
      .cells {
        display: grid;
        grid-template-columns: 7.5em 8em minmax(0, 1fr);
        gap: 0 8px;
        padding: 4px 8px;
        align-items: baseline;
      }
      .hit {
        background: #fef3c7;
        box-shadow: inset 3px 0 0 #d97706;
        font-weight: 600;
        cursor: default;
      }
      .hit:hover {
        background: #fef3c7;
      }
      .time {
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .category {
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .dot {
        display: inline-block;
        width: 7px;
        height: 7px;
        border-radius: 50%;
        margin-right: 4px;
      }
      .summary {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .name {
        color: var(--muted);
        margin-right: 3px;
        font-weight: 400;
      }
      .user {
        margin-right: 4px;
      }
    `,
  ];
  declare participantId: string;
  declare event: LogEvent | null;
  declare fields: QueryField[];
  declare rows: { before: LogEvent[]; hit: LogEvent; after: LogEvent[] } | null;
  declare error: string;
  private generation = 0;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participantId = '';
    this.event = null;
    this.fields = [];
    this.rows = null;
    this.error = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('event') || changed.has('participantId')) void this.load();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('rows') && this.rows) this.renderRoot.querySelector('.hit')?.scrollIntoView({ block: 'nearest' });
  }

  private async load() {
    const event = this.event;
    const generation = ++this.generation;
    this.rows = null;
    this.error = '';
    if (!event || !this.participantId) return;
    try {
      const rows = await loadContext(this.participantId, event, CONTEXT_SIZE);
      if (generation === this.generation) this.rows = rows;
    } catch (error) {
      if (generation === this.generation) this.error = t('failed', { message: apiErrorText(error) });
    }
  }

  private renderRow(event: LogEvent, isHit: boolean) {
    const cells = html`
      <span class="time"
        >${formatJst(event.time, 'time')}.${String(parseUtc(event.time).getUTCMilliseconds()).padStart(3, '0')}</span
      >
      <span class="category"
        ><span class="dot" ${cssText(`background:${categoryColour(event.category)}`)}></span
        >${categoryLabel(event.category)}</span
      >
      <span class="summary"
        >${event['user_name'] ? html`<span class="user">${String(event['user_name'])}</span> ` : nothing}${summaryEntries(
          event,
        )
          .slice(0, 3)
          .map(
            (entry) =>
              html`<span class="name">${fieldLabel(entry.column, this.fields)}</span
                >${displayValue(entry.column, entry.value)} `,
          )}</span
      >
    `;
    const select = () =>
      !isHit &&
      this.dispatchEvent(new CustomEvent('event-select', { detail: { event }, bubbles: true, composed: true }));
    return html`<li
      class=${isHit ? 'hit' : ''}
      data-test="context-row"
      data-device=${event.device_id}
      data-key=${eventKey(event)}
      title=${isHit ? t('hit') : formatJst(event.time, 'millis')}
      @click=${select}
    >
      ${isHit ? html`<div class="cells" data-test="context-hit">${cells}</div>` : html`<div class="cells">${cells}</div>`}
    </li>`;
  }

  override render() {
    void this.locale;
    const rows = this.rows;
    return html`
      <section data-test="event-context">
        <h3>${t('title')}</h3>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        ${!rows && !this.error ? html`<p class="muted" data-test="context-loading">${t('loading')}</p>` : nothing}
        ${
          rows
            ? html`<ol>
                  ${rows.before.map((event) => this.renderRow(event, false))} ${this.renderRow(rows.hit, true)}
                  ${rows.after.map((event) => this.renderRow(event, false))}
                </ol>
                ${rows.before.length + rows.after.length === 0 ? html`<p class="muted">${t('none')}</p>` : nothing}`
            : nothing
        }
      </section>
    `;
  }
}
customElements.define('yorozu-event-context', EventContext);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-event-context': EventContext;
  }
}
