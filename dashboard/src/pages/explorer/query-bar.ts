import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import type { QueryField } from '../../api/event-fields.js';
import type { QueryProblem } from './explorer-api.js';
import { renderQueryProblem } from './query-problem-view.js';
import './query-help.js';

const t = defineMessages(
  {
    label: '検索クエリ',
    placeholder: '例: user:tanaka AND category:web_access (空欄ならすべて)',
    run: '検索',
    running: '検索中…',
    help: '書き方',
    helpTitle: '検索の書き方とフィールドの一覧',
  },
  {
    label: 'Search query',
    placeholder: 'e.g. user:tanaka AND category:web_access (blank for all)',
    run: 'Search',
    running: 'Searching…',
    help: 'Syntax',
    helpTitle: 'How to search, and the fields',
  },
);

/**
 * The search box: Enter or the button runs the query; a query the server refused is shown under the
 * box with the wrong part underlined. The help popover lists the syntax and the fields.
 * @event query-submit - detail `{ query }` when the operator runs a search.
 */
export class QueryBar extends LitElement {
  static override properties = {
    query: { attribute: false },
    problem: { attribute: false },
    busy: { type: Boolean },
    fields: { attribute: false },
    draft: { state: true },
    helpOpen: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        position: relative;
      }
      form {
        display: flex;
        gap: 8px;
        align-items: stretch;
      }
      input {
        flex: 1;
        min-width: 0;
        font-family: ui-monospace, monospace;
        font-size: 0.95rem;
        padding: 8px 10px;
      }
      input[aria-invalid='true'] {
        border-color: var(--danger);
      }
      .popover {
        position: absolute;
        right: 0;
        left: 0;
        top: calc(100% + 4px);
        z-index: 20;
      }
      .query-error {
        margin-top: 6px;
        color: var(--danger);
      }
      .query-error-message {
        margin: 0 0 4px;
      }
      .query-error-text {
        margin: 0;
        padding: 6px 8px;
        background: #fef2f2;
        border-radius: 6px;
        font-family: ui-monospace, monospace;
        font-size: 0.9rem;
        white-space: pre-wrap;
        word-break: break-all;
        color: #1f2937;
      }
      mark.bad {
        background: #fecaca;
        color: inherit;
        text-decoration: underline wavy var(--danger);
        text-decoration-thickness: 2px;
        text-underline-offset: 3px;
      }
      mark.empty {
        display: inline-block;
        min-width: 0.6em;
        border-bottom: 3px solid var(--danger);
        text-decoration: none;
      }
      @media (max-width: 600px) {
        form {
          flex-wrap: wrap;
        }
        input {
          flex-basis: 100%;
        }
        button {
          flex: 1;
        }
      }
    `,
  ];
  declare query: string;
  declare problem: QueryProblem | null;
  declare busy: boolean;
  declare fields: QueryField[] | null;
  declare draft: string;
  declare helpOpen: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.query = '';
    this.problem = null;
    this.busy = false;
    this.fields = null;
    this.draft = '';
    this.helpOpen = false;
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
        <input
          type="search"
          aria-label=${t('label')}
          placeholder=${t('placeholder')}
          autocomplete="off"
          spellcheck="false"
          data-test="query-input"
          aria-invalid=${this.problem ? 'true' : 'false'}
          .value=${live(this.draft)}
          @input=${(event: Event) => (this.draft = (event.target as HTMLInputElement).value)}
        />
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
