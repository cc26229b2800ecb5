import { LitElement, css, html } from 'lit';
import type { QueryField } from '../../api/event-fields.js';
import { eventKey, type LogEvent, type TimeWindow } from './explorer-api.js';
import { DEFAULT_COLUMNS, type SearchState } from './explorer-state.js';
import './field-insights.js';
import './results-table.js';
import './result-view-controls.js';

/**
 * The explorer's results area: the field statistics beside the rows on a wide screen (so the first rows are in
 * view at 1280×900), above them on a narrow one; the result view's controls and the table. The parts' events
 * bubble to the page: `field-filter`, `view-change`, `sort-change`, `event-select`, `load-older`.
 */
export class ExplorerResults extends LitElement {
  static override properties = {
    participantId: { attribute: false },
    state: { attribute: false },
    resolved: { attribute: false },
    fields: { attribute: false },
    events: { attribute: false },
    loading: { type: Boolean },
    hasMore: { type: Boolean },
    freshKeys: { attribute: false },
    selected: { attribute: false },
  };
  static override styles = css`
    :host {
      display: grid;
      gap: 12px;
      align-items: start;
    }
    .results-column {
      display: grid;
      gap: 12px;
      min-width: 0;
    }
    @media (min-width: 1100px) {
      :host {
        grid-template-columns: minmax(15em, 19em) minmax(0, 1fr);
      }
    }
  `;
  declare participantId: string;
  declare state: SearchState;
  declare resolved: TimeWindow | null;
  declare fields: QueryField[];
  declare events: LogEvent[];
  declare loading: boolean;
  declare hasMore: boolean;
  declare freshKeys: ReadonlySet<string>;
  declare selected: LogEvent | null;

  constructor() {
    super();
    this.participantId = '';
    this.state = { q: '', range: { kind: 'relative', key: '24h' } };
    this.resolved = null;
    this.fields = [];
    this.events = [];
    this.loading = false;
    this.hasMore = false;
    this.freshKeys = new Set();
    this.selected = null;
  }

  override render() {
    const { state } = this;
    return html`
      <yorozu-field-insights
        data-test="field-insights"
        .participantId=${this.participantId}
        .query=${state.q}
        .range=${this.resolved}
        .fields=${this.fields}
      ></yorozu-field-insights>
      <div class="results-column">
        <yorozu-result-view-controls
          .fields=${this.fields}
          .columns=${state.cols ?? DEFAULT_COLUMNS}
          .sort=${state.sort ?? 'newest'}
        ></yorozu-result-view-controls>
        <yorozu-results-table
          .columns=${state.cols ?? DEFAULT_COLUMNS}
          .order=${state.sort ?? 'newest'}
          .events=${this.events}
          .fields=${this.fields}
          ?loading=${this.loading}
          ?hasMore=${this.hasMore}
          .freshKeys=${this.freshKeys}
          .selectedKey=${this.selected ? eventKey(this.selected) : null}
        ></yorozu-results-table>
      </div>
    `;
  }
}
customElements.define('yorozu-explorer-results', ExplorerResults);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-explorer-results': ExplorerResults;
  }
}
