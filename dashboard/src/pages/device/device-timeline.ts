import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ApiLoader, loadStatus } from '../../components/api-loader/api-loader.js';
import '../../components/evidence-attach/evidence-attach-dialog.js';
import '../../components/echart/echart.js';
import type { ChartClickDetail, ChartOption } from '../../components/echart/echart.js';
import { CATEGORY_KEYS, categoryColour, categoryLabel, type CategoryKey } from '../../format/event-categories.js';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { readParams, writeParams } from '../../components/url-state/url-state.js';
import { formatJst, parseUtc } from '../../format/jst.js';
import { fetchTimeline, type Timeline, type TimelineEvent } from './device-api.js';
import { deviceTimelineStyles } from './device-timeline.styles.js';
import { timelineChartOption } from './timeline-chart-option.js';
import './timeline-density.js';
import './timeline-event-list.js';
import type { ListedEvent } from './timeline-event-list.js';
import {
  customRange,
  DEFAULT_RANGE,
  explorerLink,
  RANGE_PRESETS,
  rangeAddressParams,
  rangeAroundLastActivity,
  rangeFromAddress,
  resolveRange,
  windowInputValues,
  type TimelineRange,
  type TimeWindow,
} from './timeline-range.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    range: '期間',
    '1h': '1時間',
    '24h': '24時間',
    '7d': '7日間',
    from: '開始（JST）',
    to: '終了（JST）',
    apply: '表示',
    refresh: '更新',
    badRange: '開始は終了より前にしてください。',
    categories: '種類',
    all: 'すべて',
    none: 'なし',
    explorer: 'ログ検索で開く',
    truncated: '新しい順に {shown} 件を表示しています（期間全体で {total} 件）。',
    older: 'さらに古いイベントを読み込む',
    lastActivity: '最後の活動へ（{time}）',
    total: '{n} 件',
  },
  {
    range: 'Range',
    '1h': '1 hour',
    '24h': '24 hours',
    '7d': '7 days',
    from: 'From (JST)',
    to: 'To (JST)',
    apply: 'Show',
    refresh: 'Refresh',
    badRange: 'The start must be before the end.',
    categories: 'Categories',
    all: 'All',
    none: 'None',
    explorer: 'Open in log explorer',
    truncated: 'Showing the newest {shown} events ({total} in the whole range).',
    older: 'Load older events',
    lastActivity: 'Jump to last activity ({time})',
    total: '{n} events',
  },
);

interface FetchedTimeline {
  timeline: Timeline;
  window: TimeWindow;
  /** The categories asked for; all of them when none was left out. */
  categories: readonly CategoryKey[];
}

/**
 * Everything the device did over a range: a chart with one row per category (zoom with the wheel or
 * the slider, hover for the summary, click to find the event in the list) and the list below it.
 * The category boxes filter both; a category not yet fetched is fetched when it is ticked.
 */
export class DeviceTimeline extends LitElement {
  static override properties = {
    participantId: { attribute: false },
    deviceId: { attribute: false },
    hostname: { attribute: false },
    operator: { attribute: false },
    range: { state: true },
    shownCategories: { state: true },
    fromInput: { state: true },
    toInput: { state: true },
    rangeError: { state: true },
    chosen: { state: true },
  };
  static override styles = [sharedStyles, deviceTimelineStyles];
  declare participantId: string;
  declare deviceId: string;
  declare hostname: string;
  /** Operators may attach what the timeline shows to a ticket as evidence. */
  declare operator: boolean;
  declare range: TimelineRange;
  declare shownCategories: readonly CategoryKey[];
  declare fromInput: string;
  declare toInput: string;
  declare rangeError: boolean;
  declare chosen: number | null;
  private readonly locale = new LocaleController(this);
  private readonly loader = new ApiLoader<FetchedTimeline>(this, () => this.load());
  private chartCache: { key: string; events: unknown; option: ChartOption } | null = null;
  private listCache: { key: string; events: unknown; entries: ListedEvent[] } | null = null;

  constructor() {
    super();
    this.participantId = '';
    this.deviceId = '';
    this.hostname = '';
    this.operator = false;
    this.range = DEFAULT_RANGE;
    this.shownCategories = CATEGORY_KEYS;
    this.fromInput = '';
    this.toInput = '';
    this.rangeError = false;
    this.chosen = null;
  }

  private async load(): Promise<FetchedTimeline> {
    const span = resolveRange(this.range);
    const categories = [...this.shownCategories];
    const asked = categories.length === CATEGORY_KEYS.length ? [] : categories;
    const timeline = await fetchTimeline(this.participantId, this.deviceId, span.from, span.to, asked);
    const inputs = windowInputValues(span);
    this.fromInput = inputs.from;
    this.toInput = inputs.to;
    return { timeline, window: span, categories };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('participantId') || changed.has('deviceId')) && this.participantId && this.deviceId) this.reload();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The range is in the address, so a shared link or a reload shows the same window.
    this.range = rangeFromAddress(readParams());
  }

  private reload(): void {
    this.chosen = null;
    void this.loader.run();
  }

  private setRange(range: TimelineRange): void {
    this.range = range;
    this.rangeError = false;
    writeParams(rangeAddressParams(range));
    this.reload();
  }

  private choosePreset(preset: TimelineRange & { kind: 'preset' }): void {
    this.setRange(preset);
  }

  /** The next page of older events, appended to the list (the chart and the counts follow). */
  private async loadOlder(): Promise<void> {
    const fetched = this.loader.value;
    const cursor = fetched?.timeline.nextCursor;
    if (!fetched || !cursor) return;
    const asked = fetched.categories.length === CATEGORY_KEYS.length ? [] : fetched.categories;
    const older = await fetchTimeline(
      this.participantId,
      this.deviceId,
      fetched.window.from,
      fetched.window.to,
      asked,
      cursor,
    );
    if (this.loader.value !== fetched) return;
    this.loader.value = {
      ...fetched,
      timeline: {
        ...fetched.timeline,
        events: [...fetched.timeline.events, ...older.events],
        nextCursor: older.nextCursor,
      },
    };
    this.requestUpdate();
  }

  private applyCustom(event: SubmitEvent): void {
    event.preventDefault();
    const range = customRange(this.fromInput, this.toInput);
    this.rangeError = range === null;
    if (!range) return;
    this.setRange(range);
  }

  /** Hiding needs no call; showing a category the last call left out does, and so does anything after a cut-off answer. */
  private showCategories(next: readonly CategoryKey[]): void {
    this.shownCategories = CATEGORY_KEYS.filter((category) => next.includes(category));
    const fetched = this.loader.value;
    const covered =
      fetched &&
      !fetched.timeline.truncated &&
      this.shownCategories.every((category) => fetched.categories.includes(category));
    if (!covered && this.shownCategories.length > 0) this.reload();
  }

  private toggle(category: CategoryKey, on: boolean): void {
    this.showCategories(on ? [...this.shownCategories, category] : this.shownCategories.filter((c) => c !== category));
  }

  private chartOption(fetched: FetchedTimeline, compact: boolean): ChartOption {
    const key = [
      this.shownCategories.join(','),
      fetched.window.from.getTime(),
      fetched.window.to.getTime(),
      compact,
      language(),
    ].join('|');
    if (this.chartCache?.key !== key || this.chartCache.events !== fetched.timeline.events) {
      this.chartCache = {
        key,
        events: fetched.timeline.events,
        option: timelineChartOption(fetched.timeline.events, this.shownCategories, fetched.window, compact),
      };
    }
    return this.chartCache.option;
  }

  /** The same array while nothing changed, so the list keeps how far it was opened. */
  private listEntries(events: readonly TimelineEvent[]): ListedEvent[] {
    const key = this.shownCategories.join(',');
    if (this.listCache?.key !== key || this.listCache.events !== events) {
      const entries = events.flatMap((event, index) =>
        this.shownCategories.includes(event.category as CategoryKey) ? [{ event, index }] : [],
      );
      this.listCache = { key, events, entries };
    }
    return this.listCache.entries;
  }

  private renderControls() {
    const preset = this.range.kind === 'preset' ? this.range.preset : null;
    return html`<div class="controls">
        <span class="presets" role="group" aria-label=${t('range')}>
          ${RANGE_PRESETS.map(
            (key) =>
              html`<button
                type="button"
                aria-pressed=${preset === key ? 'true' : 'false'}
                @click=${() => this.choosePreset({ kind: 'preset', preset: key })}
                data-test=${`timeline-range-${key}`}
              >
                ${t(key)}
              </button>`,
          )}
        </span>
        <form class="custom" @submit=${this.applyCustom}>
          <input
            type="datetime-local"
            aria-label=${t('from')}
            title=${t('from')}
            .value=${this.fromInput}
            @input=${(e: InputEvent) => (this.fromInput = (e.target as HTMLInputElement).value)}
            data-test="timeline-from"
          />
          <span aria-hidden="true">–</span>
          <input
            type="datetime-local"
            aria-label=${t('to')}
            title=${t('to')}
            .value=${this.toInput}
            @input=${(e: InputEvent) => (this.toInput = (e.target as HTMLInputElement).value)}
            data-test="timeline-to"
          />
          <button type="submit" data-test="timeline-apply">${t('apply')}</button>
        </form>
        <button
          type="button"
          @click=${() => this.reload()}
          ?disabled=${this.loader.loading}
          data-test="timeline-refresh"
        >
          ${t('refresh')}
        </button>
        <span class="spacer"></span>
        ${this.hostname ? html`<a href=${explorerLink(this.participantId, this.hostname, this.range)} data-test="timeline-explorer-link">${t('explorer')}</a>` : nothing}
        ${this.renderAttach()}
      </div>
      ${this.rangeError ? html`<p class="error" role="alert" data-test="timeline-range-error">${t('badRange')}</p>` : nothing}`;
  }

  /** The device (by id, not by its host name, which may change) and the ticked categories over the range on screen. */
  private renderAttach() {
    const fetched = this.loader.value;
    if (!this.operator || !fetched || this.shownCategories.length === 0) return nothing;
    const query =
      this.shownCategories.length === CATEGORY_KEYS.length ? '' : `category:(${this.shownCategories.join(' OR ')})`;
    return html`<yorozu-evidence-attach
      .participantId=${this.participantId}
      .deviceId=${this.deviceId}
      .query=${query}
      .from=${fetched.window.from.toISOString()}
      .to=${fetched.window.to.toISOString()}
    ></yorozu-evidence-attach>`;
  }

  private renderCategories(counts: Map<string, number>) {
    return html`<fieldset data-test="timeline-categories">
      <legend>${t('categories')}</legend>
      ${CATEGORY_KEYS.map((category) => {
        const on = this.shownCategories.includes(category);
        return html`<label>
          <input
            type="checkbox"
            .checked=${on}
            @change=${(e: Event) => this.toggle(category, (e.target as HTMLInputElement).checked)}
            data-test=${`timeline-category-${category}`}
          />
          <span class="swatch" ${cssText(`background: ${categoryColour(category)}`)}></span>${categoryLabel(category)}
          ${on && counts.has(category) ? html`<span class="count">${formatCount(counts.get(category) ?? 0)}</span>` : nothing}
        </label>`;
      })}
      <span>
        <button
          type="button"
          class="link-button"
          @click=${() => this.showCategories(CATEGORY_KEYS)}
          data-test="timeline-categories-all"
        >
          ${t('all')}
        </button>
        <button
          type="button"
          class="link-button"
          @click=${() => this.showCategories([])}
          data-test="timeline-categories-none"
        >
          ${t('none')}
        </button>
      </span>
    </fieldset>`;
  }

  /** The density of the whole range, how much of it the list holds, and a way to the device's newest event. */
  private renderOverview(fetched: FetchedTimeline) {
    const { timeline } = fetched;
    const lastAt = timeline.lastActivity === null ? null : parseUtc(timeline.lastActivity);
    return html`<yorozu-timeline-density
        data-test="timeline-density"
        .buckets=${timeline.density.buckets}
        .total=${timeline.total}
      ></yorozu-timeline-density>
      ${
        timeline.truncated
          ? html`<p class="warn" role="status" data-test="timeline-truncated">
              ${t('truncated', { shown: formatCount(timeline.events.length), total: formatCount(timeline.total) })}
            </p>`
          : nothing
      }
      ${
        lastAt !== null && (lastAt < fetched.window.from || timeline.total === 0)
          ? html`<button
              type="button"
              class="link-button"
              @click=${() => this.setRange(rangeAroundLastActivity(lastAt))}
              data-test="timeline-last-activity"
            >
              ${t('lastActivity', { time: formatJst(lastAt, 'datetime') })}
            </button>`
          : nothing
      }`;
  }

  override render() {
    void this.locale;
    const fetched = this.loader.value;
    const events = fetched?.timeline.events ?? [];
    const counts = new Map<string, number>();
    for (const event of events) counts.set(event.category, (counts.get(event.category) ?? 0) + 1);
    const entries = this.listEntries(events);
    const compact = window.matchMedia('(max-width: 600px)').matches;
    const rows = Math.max(this.shownCategories.length, 1);
    return html`
      ${this.renderControls()} ${this.renderCategories(counts)} ${loadStatus(this.loader, 'timeline')}
      ${fetched ? this.renderOverview(fetched) : nothing}
      ${
        fetched
          ? html`<p class="muted" data-test="timeline-total">${t('total', { n: formatCount(entries.length) })}</p>
              <yorozu-echart
                class="chart"
                data-test="timeline-chart"
                .option=${this.chartOption(fetched, compact)}
                .resetKey=${`${fetched.window.from.getTime()}-${fetched.window.to.getTime()}-${language()}`}
                .height=${rows * (compact ? 28 : 34) + 110}
                @chart-click=${(e: CustomEvent<ChartClickDetail>) => (this.chosen = (e.detail.value as [number, string, number])[2])}
              ></yorozu-echart>
              <yorozu-timeline-event-list .entries=${entries} .selected=${this.chosen}></yorozu-timeline-event-list>
              ${
                fetched.timeline.nextCursor
                  ? html`<button type="button" @click=${() => void this.loadOlder()} data-test="timeline-older">
                      ${t('older')}
                    </button>`
                  : nothing
              }`
          : nothing
      }
    `;
  }
}
customElements.define('yorozu-device-timeline', DeviceTimeline);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-device-timeline': DeviceTimeline;
  }
}
