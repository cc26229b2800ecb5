import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { formatJst } from '../../format/jst.js';
import { sharedStyles } from '../../styles/theme.js';
import type { QueryField } from '../../api/event-fields.js';
import type { LogEvent } from './explorer-api.js';
import { categoryColour, categoryLabel } from '../../format/event-categories.js';
import { displayValue, fieldLabel } from '../../format/event-field-labels.js';
import { eventEntries, type FieldEntry } from './event-fields.js';
import { eventDetailStyles } from './event-detail.styles.js';
import { queryFieldFor } from './query-pivot.js';
import './event-context.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    title: 'イベントの詳細',
    close: '閉じる',
    filter: '＋ 絞り込む',
    filterTitle: 'この値のイベントに絞り込む',
    exclude: '－ 除外',
    excludeTitle: 'この値のイベントを除く',
    openDevice: '端末のページ',
    searchUser: 'このユーザーを検索',
    showContext: '前後のイベントを表示',
    hideContext: '前後のイベントを隠す',
  },
  {
    title: 'Event detail',
    close: 'Close',
    filter: '+ Filter',
    filterTitle: 'Show only events with this value',
    exclude: '− Exclude',
    excludeTitle: 'Leave out events with this value',
    openDevice: 'Device page',
    searchUser: 'Search this user',
    showContext: 'Show surrounding events',
    hideContext: 'Hide surrounding events',
  },
);

export type PivotAction = 'filter' | 'exclude' | 'search';
export interface PivotRequest {
  action: PivotAction;
  /** The query-language field name. */
  field: string;
  value: string;
}

/**
 * Every set field of one event, each value with pivots: keep or leave out events with that value,
 * open the device's page, search the user. The surrounding events on the same device on request.
 * @event pivot - detail `PivotRequest`.
 * @event detail-close - the close button or Escape.
 * @event event-select - bubbles up from the surrounding events.
 */
export class EventDetail extends LitElement {
  static override properties = {
    event: { attribute: false },
    fields: { attribute: false },
    participantId: { attribute: false },
    contextShown: { state: true },
  };
  static override styles = [sharedStyles, eventDetailStyles];
  declare event: LogEvent;
  declare fields: QueryField[];
  declare participantId: string;
  declare contextShown: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.fields = [];
    this.participantId = '';
    this.contextShown = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKeydown);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this.onKeydown);
    super.disconnectedCallback();
  }

  protected override firstUpdated(_changed: PropertyValues<this>): void {
    this.renderRoot.querySelector<HTMLButtonElement>('[data-test="detail-close"]')?.focus();
  }

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') this.close();
  };

  private close() {
    this.dispatchEvent(new CustomEvent('detail-close', { bubbles: true, composed: true }));
  }

  private pivot(request: PivotRequest) {
    this.dispatchEvent(new CustomEvent<PivotRequest>('pivot', { detail: request, bubbles: true, composed: true }));
  }

  /** The name to type in a query for this field, so the detail also teaches the syntax. */
  private fieldHint(column: string) {
    const field = queryFieldFor(column, this.fields);
    return field ? html`<code>${field}</code>` : nothing;
  }

  private devicePath(): string {
    return `/participants/${this.participantId}/devices/${this.event.device_id}`;
  }

  private renderPivots(entry: FieldEntry) {
    const field = queryFieldFor(entry.column, this.fields);
    const { column, value } = entry;
    return html`<div class="pivots">
      ${
        field
          ? html`<button
                data-test="pivot-filter"
                data-field=${column}
                title=${t('filterTitle')}
                @click=${() => this.pivot({ action: 'filter', field, value })}
              >
                ${t('filter')}
              </button>
              <button
                data-test="pivot-exclude"
                data-field=${column}
                title=${t('excludeTitle')}
                @click=${() => this.pivot({ action: 'exclude', field, value })}
              >
                ${t('exclude')}
              </button>`
          : nothing
      }
      ${column === 'hostname' || column === 'device_id' ? html`<a class="button" href=${this.devicePath()} data-test="pivot-open-device" data-field=${column}>${t('openDevice')}</a>` : nothing}
      ${column === 'user_name' && field ? html`<button data-test="pivot-search-user" data-field=${column} @click=${() => this.pivot({ action: 'search', field, value })}>${t('searchUser')}</button>` : nothing}
    </div>`;
  }

  override render() {
    void this.locale;
    const event = this.event;
    return html`
      <aside class="flyout" role="dialog" aria-label=${t('title')} data-test="event-detail">
        <div class="head">
          <div>
            <h2>
              <span class="dot" ${cssText(`background:${categoryColour(event.category)}`)}></span
              >${categoryLabel(event.category)} · ${event.hostname || event.device_id}
            </h2>
            <span class="when muted">${formatJst(event.time, 'millis')}</span>
          </div>
          <button data-test="detail-close" @click=${this.close}>${t('close')}</button>
        </div>
        <div class="actions">
          <button
            data-test="show-context"
            aria-expanded=${this.contextShown ? 'true' : 'false'}
            @click=${() => (this.contextShown = !this.contextShown)}
          >
            ${this.contextShown ? t('hideContext') : t('showContext')}
          </button>
        </div>
        ${this.contextShown ? html`<yorozu-event-context .participantId=${this.participantId} .event=${event} .fields=${this.fields}></yorozu-event-context>` : nothing}
        <dl>
          ${eventEntries(event).map(
            (entry) =>
              html`<div class="field" data-field=${entry.column}>
                <dt>${fieldLabel(entry.column, this.fields)}${this.fieldHint(entry.column)}</dt>
                <dd>
                  <div class="value">${displayValue(entry.column, entry.value)}</div>
                  ${this.renderPivots(entry)}
                </dd>
              </div>`,
          )}
        </dl>
      </aside>
    `;
  }
}
customElements.define('yorozu-event-detail', EventDetail);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-event-detail': EventDetail;
  }
}
