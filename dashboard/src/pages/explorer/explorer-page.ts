import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { apiErrorText } from '../../i18n/api-errors.js';
import { ApiFailure } from '../../api/api-client.js';
import type { Session } from '../../api/session.js';
import { navigate, ROUTE_CHANGED } from '../../app/router.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { loadQueryFields, type QueryField } from '../../api/event-fields.js';
import { eventKey, loadFieldValues, queryProblemOf, type LogEvent, type TimeWindow } from './explorer-api.js';
import { explorerPageStyles } from './explorer-page.styles.js';
import {
  explorerPath,
  readSearchState,
  resolveRange,
  searchStateQuery,
  type RangeChoice,
  type ResultOrder,
  type SearchState,
} from './explorer-state.js';
import type { PivotRequest } from './event-detail.js';
import { FreshRowsController } from './fresh-rows-controller.js';
import { HistogramController } from './histogram-controller.js';
import { LiveTailController } from './live-tail-controller.js';
import { addClause, clauseFor, queryFieldFor } from './query-pivot.js';
import { SearchResultsController } from './search-results-controller.js';
import './event-detail.js';
import './event-histogram.js';
import './explorer-toolbar.js';
import './explorer-results.js';
import './live-tail-toggle.js';
import './query-bar.js';

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
/** A live tail over an absolute range that has ended switches to this relative range. */
const LIVE_RANGE = '1h';

/**
 * The log explorer: a query and a time range (both in the address), the histogram of matching events
 * by category or by a chosen field, the results newest first (or oldest first, or by a column), the detail of one
 * event with pivots and its surrounding events, a live tail, export, and saved searches.
 */
export class ExplorerPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    participantId: { attribute: false },
    state: { state: true },
    resolved: { state: true },
    fields: { state: true },
    fieldsError: { state: true },
    selected: { state: true },
    arrived: { state: true },
  };
  static override styles = [sharedStyles, explorerPageStyles];
  declare session: Session;
  declare participantId: string;
  declare state: SearchState;
  declare resolved: TimeWindow | null;
  declare fields: QueryField[] | null;
  declare fieldsError: string;
  declare selected: LogEvent | null;
  declare arrived: number;
  private readonly results = new SearchResultsController(this);
  private readonly histogram = new HistogramController(this);
  private readonly fresh = new FreshRowsController(this);
  private readonly tail = new LiveTailController(this, (events) => this.showArrived(events));
  private readonly locale = new LocaleController(this);
  /** Participant and address of the search on screen; the same address again does not search again. */
  private shownSearch = '';
  /** From/to typed but not applied; the next search uses them. */
  private pendingRange: RangeChoice | null = null;
  /** Evidence covers the range as it is when attached: a relative range ends at that moment. */
  private readonly evidenceRange = () => resolveRange(this.state.range);
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
    this.selected = null;
    this.arrived = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(ROUTE_CHANGED, this.followAddress);
    if (this.participantId) this.followAddress();
  }

  override disconnectedCallback(): void {
    window.removeEventListener(ROUTE_CHANGED, this.followAddress);
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
    // Choosing columns changes the view, not the search; another split counts the histogram again, nothing else.
    const key = `${this.participantId}${searchStateQuery({ ...state, cols: undefined, split: undefined })}`;
    const splitChanged = state.split !== this.state.split;
    this.state = state;
    if (key !== this.shownSearch) {
      this.shownSearch = key;
      this.runSearch();
    } else if (splitChanged && this.resolved)
      void this.histogram.load(this.participantId, state.q, this.resolved, state.split);
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
    const { q, range, sort, split } = this.state;
    const resolved = resolveRange(range);
    this.resolved = resolved;
    this.arrived = 0;
    void this.results.run(this.participantId, q, resolved, sort);
    void this.histogram.load(this.participantId, q, resolved, split);
    if (this.tail.on) this.tail.start(this.participantId, q);
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
    this.arrived += fresh.length;
    this.histogram.addLive(fresh);
    this.fresh.mark(fresh.map(eventKey));
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
    const error = this.results.error ?? this.histogram.error;
    if (!error || queryProblemOf(error)) return '';
    if (error instanceof ApiFailure && error.status === 403) return t('forbidden');
    return t('failed', { message: apiErrorText(error) });
  }

  private renderResults(state: SearchState) {
    const { results, histogram } = this;
    return html`
      <yorozu-event-histogram
        class=${histogram.loading && histogram.histogram ? 'stale' : ''}
        .histogram=${histogram.histogram}
        .fields=${this.fields ?? []}
        .split=${state.split ?? 'category'}
        ?loading=${histogram.loading}
        @range-select=${(e: CustomEvent<TimeWindow>) => this.go({ ...state, range: { kind: 'absolute', ...e.detail } })}
        @split-change=${(e: CustomEvent<{ split: string }>) => this.go({ ...state, split: e.detail.split })}
      ></yorozu-event-histogram>
      <yorozu-explorer-results
        .participantId=${this.participantId}
        .state=${state}
        .resolved=${this.resolved}
        .fields=${this.fields ?? []}
        .events=${results.events}
        ?loading=${results.loading}
        ?hasMore=${results.nextCursor !== null}
        .freshKeys=${this.fresh.keys}
        .selected=${this.selected}
        @field-filter=${(e: CustomEvent<{ field: string; value: string }>) => this.onFieldFilter(e.detail)}
        @view-change=${(e: CustomEvent<Pick<SearchState, 'cols' | 'sort'>>) => this.go({ ...state, ...e.detail })}
        @sort-change=${(e: CustomEvent<{ sort: ResultOrder }>) => this.go({ ...state, sort: e.detail.sort })}
        @event-select=${(e: CustomEvent<{ event: LogEvent }>) => (this.selected = e.detail.event)}
        @load-older=${() => void this.results.loadOlder()}
      ></yorozu-explorer-results>
    `;
  }

  override render() {
    void this.locale;
    const { state, results } = this;
    const problem = queryProblemOf(results.error) ?? queryProblemOf(this.histogram.error);
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
          ?busy=${results.loading || this.histogram.loading}
          @query-submit=${(e: CustomEvent<{ query: string }>) => this.go({ ...state, q: e.detail.query, range: this.pendingRange ?? state.range })}
        ></yorozu-query-bar>
        <yorozu-explorer-toolbar
          .participantId=${this.participantId}
          .query=${state.q}
          .range=${state.range}
          .resolved=${this.resolved}
          .currentUrl=${currentUrl}
          .resolveRange=${this.evidenceRange}
          ?operator=${this.session?.role === 'operator'}
          @range-change=${(e: CustomEvent<{ range: RangeChoice }>) => this.go({ ...state, range: e.detail.range })}
          @range-draft=${(e: CustomEvent<{ range: RangeChoice | null }>) => (this.pendingRange = e.detail.range)}
        ></yorozu-explorer-toolbar>
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
