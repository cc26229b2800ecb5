import { LitElement, css, html, nothing } from 'lit';
import '../../components/evidence-attach/evidence-attach-dialog.js';
import type { TimeWindow } from './explorer-api.js';
import type { RangeChoice } from './explorer-state.js';
import { browserSavedSearches, serverSavedSearches } from './saved-search-store.js';
import './export-links.js';
import './saved-searches.js';
import './time-range-picker.js';

/**
 * The explorer's toolbar under the query bar: the time range, and what can be done with the search on screen
 * (export, attach as evidence to a ticket for an operator, save). The range picker's events bubble to the page.
 * @event range-change - from the range picker: detail `{ range }`, a range chosen.
 * @event range-draft - from the range picker: detail `{ range }`, typed but not applied.
 */
export class ExplorerToolbar extends LitElement {
  static override properties = {
    participantId: { attribute: false },
    query: { attribute: false },
    range: { attribute: false },
    resolved: { attribute: false },
    operator: { type: Boolean },
    currentUrl: { attribute: false },
  };
  static override styles = css`
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
      justify-content: space-between;
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      align-items: center;
    }
    @media (max-width: 600px) {
      .tools {
        width: 100%;
        justify-content: space-between;
      }
    }
  `;
  declare participantId: string;
  declare query: string;
  declare range: RangeChoice;
  declare resolved: TimeWindow | null;
  declare operator: boolean;
  /** The explorer's address of the search on screen, for saved searches. */
  declare currentUrl: string;
  /** Evidence covers the range as it is when attached: a relative range ends at that moment. */
  declare resolveRange: () => TimeWindow;

  constructor() {
    super();
    this.participantId = '';
    this.query = '';
    this.range = { kind: 'relative', key: '24h' };
    this.resolved = null;
    this.operator = false;
    this.currentUrl = '';
  }

  override render() {
    return html`
      <yorozu-time-range-picker .range=${this.range} .resolved=${this.resolved}></yorozu-time-range-picker>
      <div class="tools">
        <yorozu-export-links
          .participantId=${this.participantId}
          .query=${this.query}
          .range=${this.resolved}
        ></yorozu-export-links>
        ${
          this.operator
            ? html`<yorozu-evidence-attach
                .participantId=${this.participantId}
                .query=${this.query}
                .resolveRange=${this.resolveRange}
              ></yorozu-evidence-attach>`
            : nothing
        }
        <yorozu-saved-searches
          .currentUrl=${this.currentUrl}
          .suggestedName=${this.query}
          .source=${this.operator ? serverSavedSearches : browserSavedSearches}
        ></yorozu-saved-searches>
      </div>
    `;
  }
}
customElements.define('yorozu-explorer-toolbar', ExplorerToolbar);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-explorer-toolbar': ExplorerToolbar;
  }
}
