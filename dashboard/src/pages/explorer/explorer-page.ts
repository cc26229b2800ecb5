import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { apiErrorText } from '../../i18n/api-errors.js';
import { ApiFailure } from '../../api/api-client.js';
import type { Session } from '../../api/session.js';
import { navigate, ROUTE_CHANGED } from '../../app/router.js';
import '../../components/evidence-attach/evidence-attach-dialog.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { loadQueryFields, type QueryField } from '../../api/event-fields.js';
import {
  eventKey,
  loadFieldValues,
  loadHistogram,
  queryProblemOf,
  type Histogram,
  type LogEvent,
  type TimeWindow,
} from './explorer-api.js';
import { explorerPageStyles } from './explorer-page.styles.js';
import {
  DEFAULT_COLUMNS,
  explorerPath,
  readSearchState,
  resolveRange,
  searchStateQuery,
  type RangeChoice,
  type SearchState,
} from './explorer-state.js';
import type { PivotRequest } from './event-detail.js';
import { addToHistogram } from './histogram-live.js';
import { LiveTailController } from './live-tail-controller.js';
import { addClause, clauseFor, queryFieldFor } from './query-pivot.js';
import { browserSavedSearches, serverSavedSearches } from './saved-search-store.js';
import { SearchResultsController } from './search-results-controller.js';
import './event-detail.js';
import './event-histogram.js';
import './export-links.js';
import './field-insights.js';
import './live-tail-toggle.js';
import './query-bar.js';
import './results-table.js';
import './result-view-controls.js';
import './saved-searches.js';
import './time-range-picker.js';

const t = defineMessages(
  {
    title: 'ログ検索',
    failed: '検索できませんでした: {message}',
    forbidden: 'この参加者のログを見る権限がありません。',
    fieldsFailed: 'フィールドの一覧を読み込めませんでした: {message}',
    fixQuery: 'クエリを直すと、結果とグラフを表示します。',
  },
  {
    title: 'Log explorer',
    failed: 'The search failed: {message}',
    forbidden: "You may not see this participant's logs.",
    fieldsFailed: 'Could not load the list of fields: {message}',
    fixQuery: 'Fix the query to see the results and the chart.',
  },
);
/** How long a row that arrived by the live tail stays highlighted. */
const FRESH_MS = 4000;
/** A live tail over an absolute range that has ended switches to this relative range. */
const LIVE_RANGE = '1h';

/**
 * The log explorer: a query and a time range (both in the address), the histogram of matching events
 * by category, the results newest first, the detail of one event with pivots and its surrounding
 * events, a live tail, export, and saved searches.
 */
export class ExplorerPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    participantId: { attribute: false },
    state: { state: true },
    resolved: { state: true },
    fields: { state: true },
    fieldsError: { state: true },
    histogram: { state: true },
    histogramLoading: { state: true },
    histogramError: { state: true },
    selected: { state: true },
    freshKeys: { state: true },
    arrived: { state: true },
  };
  static override styles = [sharedStyles, explorerPageStyles];
  declare session: Session;
  declare participantId: string;
  declare state: SearchState;
  declare resolved: TimeWindow | null;
  declare fields: QueryField[] | null;
  declare fieldsError: string;
  declare histogram: Histogram | null;
  declare histogramLoading: boolean;
  declare histogramError: unknown;
  declare selected: LogEvent | null;
  declare freshKeys: ReadonlySet<string>;
  declare arrived: number;
  private readonly results = new SearchResultsController(this);
  private readonly tail = new LiveTailController(this, (events) => this.showArrived(events));
  private readonly locale = new LocaleController(this);
  /** Participant and address of the search on screen; the same address again does not search again. */
  private shownSearch = '';
  /** From/to typed but not applied; the next search uses them. */
  private pendingRange: RangeChoice | null = null;
  private histogramGeneration = 0;
  /** Evidence covers the range as it is when attached: a relative range ends at that moment. */
  private readonly evidenceRange = () => resolveRange(this.state.range);
  private freshTimers = new Set<number>();
  /** The query bar's value suggestions come from this participant's events in the range on screen. */
  private readonly valueSource = (field: string, prefix: string) =>
    loadFieldValues(this.participantId, field, prefix, this.resolved ?? resolveRange(this.state.range));

  constructor() {
    super();
    this.participantId = '';
    this.state = readSearchState(location.search);
    this.resolved = null;
    this.fields = null;
    this.fieldsError = '';
    this.histogram = null;
    this.histogramLoading = false;
    this.histogramError = null;
    this.selected = null;
    this.freshKeys = new Set();
    this.arrived = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(ROUTE_CHANGED, this.followAddress);
    if (this.participantId) this.followAddress();
  }

  override disconnectedCallback(): void {
    window.removeEventListener(ROUTE_CHANGED, this.followAddress);
    for (const timer of this.freshTimers) window.clearTimeout(timer);
    this.freshTimers.clear();
    this.shownSearch = '';
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('participantId') && this.participantId) {
      void this.loadFields();
      this.selected = null;
      this.followAddress();
    }
  }

  /** Runs the search in the address when it is not the one on screen (a new search, back, forward). */
  private readonly followAddress = () => {
    if (!this.participantId || location.pathname.replace(/\/+$/, '') !== explorerPath(this.participantId)) return;
    const state = readSearchState(location.search);
    // Choosing columns changes the view, not the search: only the rest of the address searches again.
    const key = `${this.participantId}${searchStateQuery({ ...state, cols: undefined })}`;
    this.state = state;
    if (key === this.shownSearch) return;
    this.shownSearch = key;
    this.runSearch();
  };

  /** A search is started by putting it in the address; the same address again searches again. */
  private go(state: SearchState) {
    this.pendingRange = null;
    const path = `${explorerPath(this.participantId)}${searchStateQuery(state)}`;
    if (path === location.pathname + location.search) {
      this.shownSearch = '';
      this.followAddress();
    } else navigate(path);
  }

  private runSearch() {
    const { q, range, sort } = this.state;
    const resolved = resolveRange(range);
    this.resolved = resolved;
    this.arrived = 0;
    void this.results.run(this.participantId, q, resolved, sort);
    void this.loadHistogram(q, resolved);
    if (this.tail.on) this.tail.start(this.participantId, q);
  }

  private async loadHistogram(q: string, range: TimeWindow) {
    const generation = ++this.histogramGeneration;
    this.histogramLoading = true;
    this.histogramError = null;
    try {
      const histogram = await loadHistogram(this.participantId, q, range);
      if (generation === this.histogramGeneration) this.histogram = histogram;
    } catch (error) {
      if (generation !== this.histogramGeneration) return;
      this.histogram = null;
      this.histogramError = error;
    } finally {
      if (generation === this.histogramGeneration) this.histogramLoading = false;
    }
  }

  private async loadFields() {
    this.fieldsError = '';
    try {
      this.fields = await loadQueryFields(this.participantId);
    } catch (error) {
      this.fields = [];
      this.fieldsError = t('fieldsFailed', { message: apiErrorText(error) });
    }
  }

  private showArrived(events: LogEvent[]) {
    const fresh = this.results.prepend(events);
    if (fresh.length === 0) return;
    const keys = fresh.map(eventKey);
    this.arrived += keys.length;
    // The count and the chart follow the list (a search still loading its histogram gets them in its answer).
    if (this.histogram && !this.histogramLoading) this.histogram = addToHistogram(this.histogram, fresh);
    this.freshKeys = new Set([...this.freshKeys, ...keys]);
    const timer = window.setTimeout(() => {
      this.freshTimers.delete(timer);
      const fresh = new Set(this.freshKeys);
      for (const key of keys) fresh.delete(key);
      this.freshKeys = fresh;
    }, FRESH_MS);
    this.freshTimers.add(timer);
  }

  private toggleLive() {
    if (this.tail.on) {
      this.tail.stop();
      return;
    }
    this.arrived = 0;
    this.tail.start(this.participantId, this.state.q);
    // New events lie after an absolute range that has ended: follow them in a relative range instead.
    const { range } = this.state;
    if (range.kind === 'absolute' && range.to.getTime() < Date.now())
      this.go({ ...this.state, range: { kind: 'relative', key: LIVE_RANGE } });
  }

  private onPivot(event: CustomEvent<PivotRequest>) {
    const { action, field, value } = event.detail;
    const q =
      action === 'search'
        ? clauseFor(field, value, false)
        : addClause(this.state.q, field, value, action === 'exclude');
    this.go({ ...this.state, q });
  }

  /** A value of the field statistics adds `field:"value"` to the query (a device by its host name). */
  private onFieldFilter({ field, value }: { field: string; value: string }) {
    const name = queryFieldFor(field, this.fields ?? []) ?? field;
    this.go({ ...this.state, q: addClause(this.state.q, name, value, false) });
  }

  private failureText(): string {
    const error = this.results.error ?? this.histogramError;
    if (!error || queryProblemOf(error)) return '';
    if (error instanceof ApiFailure && error.status === 403) return t('forbidden');
    return t('failed', { message: apiErrorText(error) });
  }

  private renderResults(state: SearchState) {
    const { results } = this;
    return html`
      <yorozu-event-histogram
        class=${this.histogramLoading && this.histogram ? 'stale' : ''}
        .histogram=${this.histogram}
        ?loading=${this.histogramLoading}
        @range-select=${(e: CustomEvent<TimeWindow>) => this.go({ ...state, range: { kind: 'absolute', ...e.detail } })}
      ></yorozu-event-histogram>
      <div class="results-area">
        <yorozu-field-insights
          data-test="field-insights"
          .participantId=${this.participantId}
          .query=${state.q}
          .range=${this.resolved}
          .fields=${this.fields ?? []}
          @field-filter=${(e: CustomEvent<{ field: string; value: string }>) => this.onFieldFilter(e.detail)}
        ></yorozu-field-insights>
        <div class="results-column">
          <yorozu-result-view-controls
            .fields=${this.fields ?? []}
            .columns=${state.cols ?? DEFAULT_COLUMNS}
            .sort=${state.sort ?? 'newest'}
            @view-change=${(e: CustomEvent<Pick<SearchState, 'cols' | 'sort'>>) => this.go({ ...state, ...e.detail })}
          ></yorozu-result-view-controls>
          <yorozu-results-table
            .columns=${state.cols ?? DEFAULT_COLUMNS}
            .order=${state.sort ?? 'newest'}
            .events=${results.events}
            .fields=${this.fields ?? []}
            ?loading=${results.loading}
            ?hasMore=${results.nextCursor !== null}
            .freshKeys=${this.freshKeys}
            .selectedKey=${this.selected ? eventKey(this.selected) : null}
            @event-select=${(e: CustomEvent<{ event: LogEvent }>) => (this.selected = e.detail.event)}
            @load-older=${() => void this.results.loadOlder()}
          ></yorozu-results-table>
        </div>
      </div>
    `;
  }

  override render() {
    void this.locale;
    const { state, results } = this;
    const problem = queryProblemOf(results.error) ?? queryProblemOf(this.histogramError);
    const failure = this.failureText();
    const currentUrl = `${explorerPath(this.participantId)}${searchStateQuery(state)}`;
    return html`
      <div class="page">
        <div class="title">
          <h1>${t('title')}</h1>
          <yorozu-live-tail-toggle
            .status=${this.tail.status}
            .problem=${this.tail.problem}
            .arrived=${this.arrived}
            @live-toggle=${this.toggleLive}
          ></yorozu-live-tail-toggle>
        </div>
        <yorozu-query-bar
          .query=${state.q}
          .problem=${problem}
          .fields=${this.fields}
          .valueSource=${this.valueSource}
          ?busy=${results.loading || this.histogramLoading}
          @query-submit=${(e: CustomEvent<{ query: string }>) => this.go({ ...state, q: e.detail.query, range: this.pendingRange ?? state.range })}
        ></yorozu-query-bar>
        <div class="toolbar">
          <yorozu-time-range-picker
            .range=${state.range}
            .resolved=${this.resolved}
            @range-change=${(e: CustomEvent<{ range: RangeChoice }>) => this.go({ ...state, range: e.detail.range })}
            @range-draft=${(e: CustomEvent<{ range: RangeChoice | null }>) => (this.pendingRange = e.detail.range)}
          ></yorozu-time-range-picker>
          <div class="tools">
            <yorozu-export-links
              .participantId=${this.participantId}
              .query=${state.q}
              .range=${this.resolved}
            ></yorozu-export-links>
            ${
              this.session?.role === 'operator'
                ? html`<yorozu-evidence-attach
                    .participantId=${this.participantId}
                    .query=${state.q}
                    .resolveRange=${this.evidenceRange}
                  ></yorozu-evidence-attach>`
                : nothing
            }
            <yorozu-saved-searches
              .currentUrl=${currentUrl}
              .suggestedName=${state.q}
              .source=${this.session?.role === 'operator' ? serverSavedSearches : browserSavedSearches}
            ></yorozu-saved-searches>
          </div>
        </div>
        ${results.warnings.map(
          (warning) => html`<p class="warn" role="status" data-test="query-warning">${warning.message[language()]}</p>`,
        )}
        ${failure ? html`<p class="failure error" role="alert" data-test="explorer-error">${failure}</p>` : nothing}
        ${this.fieldsError ? html`<p class="muted" data-test="fields-error">${this.fieldsError}</p>` : nothing}
        ${problem ? html`<p class="muted" data-test="results-blocked">${t('fixQuery')}</p>` : this.renderResults(state)}
        ${
          this.selected
            ? html`<yorozu-event-detail
                .event=${this.selected}
                .fields=${this.fields ?? []}
                .participantId=${this.participantId}
                @pivot=${this.onPivot}
                @detail-close=${() => (this.selected = null)}
                @event-select=${(e: CustomEvent<{ event: LogEvent }>) => (this.selected = e.detail.event)}
              ></yorozu-event-detail>`
            : nothing
        }
      </div>
    `;
  }
}
customElements.define('yorozu-explorer-page', ExplorerPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-explorer-page': ExplorerPage;
  }
}
