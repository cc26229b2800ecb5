import { LitElement, css, html } from 'lit';
import type { QueryField } from '../../api/event-fields.js';
import { fieldLabel } from '../../format/event-field-labels.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { DEFAULT_COLUMNS, readSortParam, sortParam, type ResultOrder } from './explorer-state.js';

const t = defineMessages(
  {
    columns: '表示する列',
    reset: '既定の列に戻す',
    sort: '並び順',
    newest: '新しい順',
    oldest: '古い順',
    ascending: '{column} (昇順)',
    descending: '{column} (降順)',
  },
  {
    columns: 'Columns',
    reset: 'Default columns',
    sort: 'Order',
    newest: 'Newest first',
    oldest: 'Oldest first',
    ascending: '{column} (ascending)',
    descending: '{column} (descending)',
  },
);

/**
 * The columns a results table may show: the host name and every field of the query language's catalogue that is
 * one value per event (not the device, shown by its host name, nor ids that read as noise).
 */
export function columnChoices(fields: readonly QueryField[]): string[] {
  const catalogue = fields.filter((field) => field.kind !== 'device' && field.kind !== 'uuid').map((f) => f.column);
  return ['hostname', ...catalogue.filter((column) => column !== 'hostname')];
}

/**
 * The result view's choices, both kept in the address by the page: which columns show (between the time and the
 * summary) and the order: by time, or by a shown column either way (the same choice as a click on its header, here
 * for keyboards and for the narrow layout, which has no header row).
 * @event view-change - detail `{ cols, sort }`: the new choice.
 */
export class ResultViewControls extends LitElement {
  static override properties = {
    fields: { attribute: false },
    columns: { attribute: false },
    sort: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 12px;
        align-items: center;
        font-size: 0.85rem;
      }
      details {
        position: relative;
      }
      summary {
        cursor: pointer;
      }
      .choices {
        position: absolute;
        z-index: 5;
        margin-top: 4px;
        padding: 8px 10px;
        background: #fff;
        border: 1px solid var(--line);
        border-radius: 6px;
        box-shadow: 0 4px 12px rgb(0 0 0 / 12%);
        display: grid;
        grid-template-columns: repeat(2, minmax(0, max-content));
        gap: 4px 16px;
        max-height: 60vh;
        overflow: auto;
        width: max-content;
        max-width: min(560px, calc(100vw - 32px));
      }
      .choices label {
        white-space: nowrap;
      }
      .reset {
        grid-column: 1 / -1;
        justify-self: start;
      }
    `,
  ];
  declare fields: QueryField[];
  declare columns: readonly string[];
  declare sort: ResultOrder;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.fields = [];
    this.columns = DEFAULT_COLUMNS;
    this.sort = 'newest';
  }

  private change(cols: readonly string[], sort: ResultOrder) {
    this.dispatchEvent(new CustomEvent('view-change', { detail: { cols, sort }, bubbles: true, composed: true }));
  }

  /** By time either way, then each shown column either way: `[address value, label]`. */
  private orderChoices(): [string, string][] {
    // The column sorted by is offered even when it is not shown (an address may order by a hidden column).
    const sorted = typeof this.sort === 'object' ? [this.sort.column] : [];
    const shown = [...new Set([...this.columns, ...sorted])].filter((column) =>
      columnChoices(this.fields).includes(column),
    );
    return [
      ['newest', t('newest')],
      ['oldest', t('oldest')],
      ...shown.flatMap((column): [string, string][] => {
        const label = fieldLabel(column, this.fields);
        return [
          [`${column}:asc`, t('ascending', { column: label })],
          [`${column}:desc`, t('descending', { column: label })],
        ];
      }),
    ];
  }

  private toggle(column: string, on: boolean) {
    const cols = on ? [...this.columns, column] : this.columns.filter((name) => name !== column);
    this.change(cols, this.sort);
  }

  override render() {
    void this.locale;
    return html`
      <details data-test="column-chooser">
        <summary>${t('columns')}</summary>
        <div class="choices">
          ${columnChoices(this.fields).map(
            (column) =>
              html`<label
                ><input
                  type="checkbox"
                  data-test="column-choice"
                  data-column=${column}
                  .checked=${this.columns.includes(column)}
                  @change=${(e: Event) => this.toggle(column, (e.target as HTMLInputElement).checked)}
                />
                ${fieldLabel(column, this.fields)}</label
              >`,
          )}
          <button class="reset" type="button" @click=${() => this.change(DEFAULT_COLUMNS, this.sort)}>
            ${t('reset')}
          </button>
        </div>
      </details>
      <label
        >${t('sort')}
        <select
          data-test="sort-order"
          .value=${sortParam(this.sort) ?? 'newest'}
          @change=${(e: Event) =>
            this.change(this.columns, readSortParam((e.target as HTMLSelectElement).value) ?? 'newest')}
        >
          ${this.orderChoices().map(
            ([value, label]) =>
              html`<option value=${value} ?selected=${value === (sortParam(this.sort) ?? 'newest')}>${label}</option>`,
          )}
        </select></label
      >
    `;
  }
}
customElements.define('yorozu-result-view-controls', ResultViewControls);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-result-view-controls': ResultViewControls;
  }
}
