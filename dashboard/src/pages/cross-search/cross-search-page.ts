import { LitElement, css, html, nothing } from 'lit';
import type { Session } from '../../api/session.js';
import type { QueryField } from '../../api/event-fields.js';
import { navigate, ROUTE_CHANGED } from '../../app/router.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { queryProblemOf, type LogEvent } from '../explorer/explorer-api.js';
import { readSearchState, resolveRange, searchStateQuery, type SearchState } from '../explorer/explorer-state.js';
import { serverSavedSearches } from '../explorer/saved-search-store.js';
import '../explorer/query-bar.js';
import '../explorer/saved-searches.js';
import '../explorer/time-range-picker.js';
import {
  chosenParticipantsOf,
  loadCrossFields,
  loadSearchableParticipants,
  searchAcross,
  type CrossParticipantPage,
  type SearchableParticipant,
} from './cross-search-api.js';
import './cross-search-results.js';
import './participant-chooser.js';

const t = defineMessages(
  {
    title: '参加者横断検索',
    recorded:
      'この検索は、検索した参加者ごとにその参加者の閲覧記録に残ります（目的: {purpose}、規約第15条）。ヒットがなくても記録されます。',
    maintenance: '保守',
    operation: '運用',
    improvement: '改善',
    failed: '検索できませんでした: {message}',
    loading: '検索中…',
    askQuery: '探すもの（例: domain:bad.example）を入れて Enter を押すと検索します。',
  },
  {
    title: 'Search across participants',
    recorded:
      'This search is recorded in the access log of every participant it searches (purpose: {purpose}, terms art. 15), even where nothing matches.',
    maintenance: 'maintenance',
    operation: 'operation',
    improvement: 'improvement',
    failed: 'The search failed: {message}',
    loading: 'Searching…',
    askQuery: 'Type what to find (e.g. domain:bad.example) and press Enter to search.',
  },
);

/**
 * Operators only: one search over every participant taking part, or a chosen set (a known-bad domain in
 * everyone's data), through `GET /api/v1/admin/events`. The address holds the query, the range and the chosen
 * participants, as the explorer's does, so a search can be saved and shared. The page says, before anything
 * runs, that each participant searched is recorded in its access log with the session's purpose.
 */
export class CrossSearchPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    state: { state: true },
    chosen: { state: true },
    participants: { state: true },
    fields: { state: true },
    page: { state: true },
    events: { state: true },
    loading: { state: true },
    error: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      .page {
        display: grid;
        gap: 12px;
      }
      h1 {
        margin: 0;
      }
      .recorded {
        margin: 0;
        padding: 8px 12px;
        border: 1px solid #fcd34d;
        background: #fffbeb;
        border-radius: 6px;
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 16px;
        align-items: center;
      }
      .toolbar yorozu-saved-searches {
        margin-left: auto;
      }
    `,
  ];
  declare session: Session;
  declare state: SearchState;
  declare chosen: string[];
  declare participants: SearchableParticipant[];
  declare fields: QueryField[] | null;
  declare page: CrossParticipantPage | null;
  declare events: LogEvent[];
  declare loading: boolean;
  declare error: unknown;
  private readonly locale = new LocaleController(this);
  private shownSearch = '';
  private generation = 0;

  constructor() {
    super();
    this.state = readSearchState(location.search);
    this.chosen = chosenParticipantsOf(location.search);
    this.participants = [];
    this.fields = null;
    this.page = null;
    this.events = [];
    this.loading = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(ROUTE_CHANGED, this.followAddress);
    void this.loadChoices();
    this.followAddress();
  }

  override disconnectedCallback(): void {
    window.removeEventListener(ROUTE_CHANGED, this.followAddress);
    this.shownSearch = '';
    super.disconnectedCallback();
  }

  private async loadChoices() {
    try {
      [this.participants, this.fields] = await Promise.all([loadSearchableParticipants(), loadCrossFields()]);
    } catch (error) {
      this.error = error;
    }
  }

  private addressOf(state: SearchState, chosen: readonly string[]): string {
    const query = searchStateQuery(state);
    return `/investigation${query}${chosen.length > 0 ? `&participants=${chosen.join(',')}` : ''}`;
  }

  private readonly followAddress = () => {
    if (location.pathname.replace(/\/+$/, '') !== '/investigation') return;
    const state = readSearchState(location.search);
    const chosen = chosenParticipantsOf(location.search);
    const key = this.addressOf(state, chosen);
    if (key === this.shownSearch) return;
    this.shownSearch = key;
    this.state = state;
    this.chosen = chosen;
    // An empty query would read every participant's every event: nothing runs until there is something to find.
    if (state.q.trim()) void this.search(null);
    else {
      this.generation++;
      this.page = null;
      this.events = [];
      this.loading = false;
    }
  };

  private go(state: SearchState, chosen: readonly string[] = this.chosen) {
    const path = this.addressOf(state, chosen);
    if (path === location.pathname + location.search) {
      this.shownSearch = '';
      this.followAddress();
    } else navigate(path);
  }

  private async search(cursor: string | null) {
    const generation = ++this.generation;
    this.loading = true;
    this.error = null;
    if (!cursor) this.events = [];
    try {
      const page = await searchAcross(this.state.q, resolveRange(this.state.range), this.chosen, cursor);
      if (generation !== this.generation) return;
      this.page = page;
      this.events = cursor ? [...this.events, ...page.events] : page.events;
    } catch (error) {
      if (generation === this.generation) this.error = error;
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  private purposeName(): string {
    const purpose = this.session?.purpose;
    return purpose ? t(purpose) : '—';
  }

  override render() {
    void this.locale;
    const problem = queryProblemOf(this.error);
    const failure = this.error && !problem ? t('failed', { message: apiErrorText(this.error) }) : '';
    const names = new Map(this.participants.map((p) => [p.id, p.name]));
    return html`<div class="page">
      <h1>${t('title')}</h1>
      <p class="recorded" role="note" data-test="cross-search-recorded">
        ${t('recorded', { purpose: this.purposeName() })}
      </p>
      <yorozu-query-bar
        .query=${this.state.q}
        .problem=${problem}
        .fields=${this.fields}
        ?busy=${this.loading}
        @query-submit=${(e: CustomEvent<{ query: string }>) => this.go({ ...this.state, q: e.detail.query })}
      ></yorozu-query-bar>
      <div class="toolbar">
        <yorozu-time-range-picker
          .range=${this.state.range}
          .resolved=${resolveRange(this.state.range)}
          @range-change=${(e: CustomEvent<{ range: SearchState['range'] }>) => this.go({ ...this.state, range: e.detail.range })}
        ></yorozu-time-range-picker>
        <yorozu-participant-chooser
          .participants=${this.participants}
          .chosen=${this.chosen}
          @participants-change=${(e: CustomEvent<{ chosen: string[] }>) => this.go(this.state, e.detail.chosen)}
        ></yorozu-participant-chooser>
        <yorozu-saved-searches
          .currentUrl=${this.addressOf(this.state, this.chosen)}
          .suggestedName=${this.state.q}
          .source=${serverSavedSearches}
        ></yorozu-saved-searches>
      </div>
      ${(this.page?.warnings ?? []).map(
        (warning) => html`<p class="warn" role="status" data-test="query-warning">${warning.message[language()]}</p>`,
      )}
      ${failure ? html`<p class="error" role="alert" data-test="cross-search-error">${failure}</p>` : nothing}
      ${this.loading && this.events.length === 0 ? html`<p class="muted">${t('loading')}</p>` : nothing}
      ${!this.state.q.trim() ? html`<p class="muted" data-test="cross-search-ask">${t('askQuery')}</p>` : nothing}
      ${
        problem || !this.state.q.trim() || (this.loading && this.events.length === 0)
          ? nothing
          : html`<yorozu-cross-search-results
              .events=${this.events}
              .fields=${this.fields ?? []}
              .names=${names}
              .searched=${this.page?.participants.length ?? 0}
              ?hasMore=${this.page?.nextCursor != null}
              ?loading=${this.loading}
              .explorerQuery=${searchStateQuery(this.state)}
              @load-older=${() => void this.search(this.page?.nextCursor ?? null)}
            ></yorozu-cross-search-results>`
      }
    </div>`;
  }
}
customElements.define('yorozu-cross-search-page', CrossSearchPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-cross-search-page': CrossSearchPage;
  }
}
