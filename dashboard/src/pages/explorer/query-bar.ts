import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import type { QueryField } from '../../api/event-fields.js';
import type { QueryProblem } from './explorer-api.js';
import { queryBarStyles } from './query-bar.styles.js';
import { renderQueryProblem } from './query-problem-view.js';
import {
  applySuggestion,
  fieldSuggestions,
  tokenAt,
  valueField,
  type CaretToken,
  type Suggestion,
} from './query-autocomplete.js';
import './query-help.js';

const t = defineMessages(
  {
    label: '検索クエリ',
    placeholder: '例: user:tanaka AND category:web_access (空欄ならすべて)',
    run: '検索',
    running: '検索中…',
    help: '書き方',
    helpTitle: '検索の書き方とフィールドの一覧',
    suggestions: '候補',
    count: '{count} 件',
  },
  {
    label: 'Search query',
    placeholder: 'e.g. user:tanaka AND category:web_access (blank for all)',
    run: 'Search',
    running: 'Searching…',
    help: 'Syntax',
    helpTitle: 'How to search, and the fields',
    suggestions: 'Suggestions',
    count: '{count}',
  },
);

/** Values of a field beginning with what was typed (the explorer asks the participant's events). */
export type ValueSource = (field: string, prefix: string) => Promise<{ value: string; count: number }[]>;
/** Typing pauses this long before values are asked for, so a word typed quickly is one request. */
const VALUE_DELAY_MS = 150;

/**
 * The search box: Enter or the button runs the query; a query the server refused is shown under the
 * box with the wrong part underlined. The help popover lists the syntax and the fields. While typing, a list
 * offers field names (from the catalogue) and, after `field:`, its values (`valueSource`): ↓/↑ choose,
 * Enter or Tab takes the chosen one, Escape closes the list (a combobox in the ARIA sense).
 * @event query-submit - detail `{ query }` when the operator runs a search.
 */
export class QueryBar extends LitElement {
  static override properties = {
    query: { attribute: false },
    problem: { attribute: false },
    busy: { type: Boolean },
    fields: { attribute: false },
    valueSource: { attribute: false },
    draft: { state: true },
    helpOpen: { state: true },
    suggestions: { state: true },
    active: { state: true },
  };
  static override styles = [sharedStyles, queryBarStyles];
  declare query: string;
  declare problem: QueryProblem | null;
  declare busy: boolean;
  declare fields: QueryField[] | null;
  declare valueSource: ValueSource | null;
  declare draft: string;
  declare helpOpen: boolean;
  declare suggestions: Suggestion[];
  declare active: number;
  private readonly locale = new LocaleController(this);
  private token: CaretToken | null = null;
  private valueTimer: number | undefined;
  private valueGeneration = 0;

  constructor() {
    super();
    this.query = '';
    this.problem = null;
    this.busy = false;
    this.fields = null;
    this.valueSource = null;
    this.draft = '';
    this.helpOpen = false;
    this.suggestions = [];
    this.active = -1;
  }

  override disconnectedCallback(): void {
    window.clearTimeout(this.valueTimer);
    super.disconnectedCallback();
  }

  private closeSuggestions() {
    window.clearTimeout(this.valueTimer);
    this.valueGeneration++;
    this.suggestions = [];
    this.active = -1;
  }

  /** What to offer at the caret: field names at once, values after a pause (they come from the engine). */
  private suggestAt(caret: number) {
    this.closeSuggestions();
    const token = tokenAt(this.draft, caret);
    this.token = token;
    if (!token) return;
    const fields = this.fields ?? [];
    if (token.field === null) {
      this.suggestions = fieldSuggestions(fields, token.partial, language());
      return;
    }
    const field = valueField(fields, token.field);
    const source = this.valueSource;
    if (!field || !source) return;
    const generation = this.valueGeneration;
    this.valueTimer = window.setTimeout(() => {
      source(field.name, token.partial).then(
        (values) => {
          if (generation !== this.valueGeneration) return;
          this.suggestions = values.map((v) => ({
            kind: 'value',
            text: v.value,
            note: v.count > 0 ? t('count', { count: v.count.toLocaleString() }) : '',
          }));
        },
        // No suggestions is all a failed lookup costs: the search itself still works.
        () => undefined,
      );
    }, VALUE_DELAY_MS);
  }

  private accept(suggestion: Suggestion) {
    if (!this.token) return;
    const { query, caret } = applySuggestion(this.draft, this.token, suggestion);
    this.draft = query;
    const input = this.renderRoot.querySelector('input');
    void this.updateComplete.then(() => {
      input?.focus();
      input?.setSelectionRange(caret, caret);
      // A field taken goes straight on to its values.
      if (suggestion.kind === 'field') this.suggestAt(caret);
      else this.closeSuggestions();
    });
  }

  private onKeydown(event: KeyboardEvent) {
    const open = this.suggestions.length > 0;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!open) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.suggestions.length) % this.suggestions.length;
    } else if ((event.key === 'Enter' || event.key === 'Tab') && open && this.active >= 0) {
      event.preventDefault();
      this.accept(this.suggestions[this.active]!);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      this.closeSuggestions();
    }
  }

  private renderSuggestions() {
    if (this.suggestions.length === 0) return nothing;
    return html`<ul
      class="suggestions"
      id="query-suggestions"
      role="listbox"
      aria-label=${t('suggestions')}
      data-test="query-suggestions"
    >
      ${this.suggestions.map(
        (suggestion, index) =>
          html`<li
            id=${`query-suggestion-${index}`}
            role="option"
            aria-selected=${index === this.active ? 'true' : 'false'}
            data-test="query-suggestion"
            data-kind=${suggestion.kind}
            @mousedown=${(e: Event) => e.preventDefault()}
            @click=${() => this.accept(suggestion)}
          >
            <span>${suggestion.text}</span><span class="note">${suggestion.note}</span>
          </li>`,
      )}
    </ul>`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('query')) this.draft = this.query;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Put the caret where the query is wrong, so the operator can fix it at once.
    if (changed.has('problem') && this.problem && this.draft === this.query) {
      const input = this.renderRoot.querySelector('input');
      input?.setSelectionRange(this.problem.position, this.problem.position + this.problem.length);
    }
  }

  private submit(event: Event) {
    event.preventDefault();
    this.helpOpen = false;
    this.closeSuggestions();
    this.dispatchEvent(
      new CustomEvent('query-submit', { detail: { query: this.draft.trim() }, bubbles: true, composed: true }),
    );
  }

  private useExample(event: CustomEvent<{ query: string }>) {
    this.draft = event.detail.query;
    this.helpOpen = false;
    this.renderRoot.querySelector('input')?.focus();
  }

  override render() {
    void this.locale;
    return html`
      <form role="search" @submit=${this.submit}>
        <div class="input-wrap">
          <input
            type="search"
            role="combobox"
            aria-label=${t('label')}
            aria-autocomplete="list"
            aria-controls="query-suggestions"
            aria-expanded=${this.suggestions.length > 0 ? 'true' : 'false'}
            aria-activedescendant=${this.active >= 0 ? `query-suggestion-${this.active}` : nothing}
            placeholder=${t('placeholder')}
            autocomplete="off"
            spellcheck="false"
            data-test="query-input"
            aria-invalid=${this.problem ? 'true' : 'false'}
            .value=${live(this.draft)}
            @input=${(event: Event) => {
              const input = event.target as HTMLInputElement;
              this.draft = input.value;
              this.suggestAt(input.selectionStart ?? input.value.length);
            }}
            @keydown=${this.onKeydown}
            @blur=${() => this.closeSuggestions()}
          />
          ${this.renderSuggestions()}
        </div>
        <button type="submit" class="primary" data-test="run-query" aria-busy=${this.busy ? 'true' : 'false'}>
          ${this.busy ? t('running') : t('run')}
        </button>
        <button
          type="button"
          title=${t('helpTitle')}
          aria-expanded=${this.helpOpen ? 'true' : 'false'}
          data-test="query-help-toggle"
          @click=${() => (this.helpOpen = !this.helpOpen)}
        >
          ${t('help')}
        </button>
      </form>
      ${this.problem ? renderQueryProblem(this.query, this.problem) : nothing}
      ${
        this.helpOpen
          ? html`<yorozu-query-help
              class="popover"
              .fields=${this.fields}
              @example-chosen=${this.useExample}
              @help-close=${() => (this.helpOpen = false)}
            ></yorozu-query-help>`
          : nothing
      }
    `;
  }
}
customElements.define('yorozu-query-bar', QueryBar);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-query-bar': QueryBar;
  }
}
