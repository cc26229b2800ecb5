import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { apiErrorText } from '../../i18n/api-errors.js';
import type { Aggregate } from '../../api/contract.js';
import type { QueryField } from '../../api/event-fields.js';
import { categoryLabel } from '../../format/event-categories.js';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { aggregateCsvUrl, loadAggregate, type AggregateRequest, type TimeWindow } from './explorer-api.js';

const t = defineMessages(
  {
    stats: 'フィールドの値',
    aggregate: '集計',
    field: 'フィールド',
    fn: '集計方法',
    count: '件数',
    sum: '合計',
    uniq: '異なる値の数',
    of: '対象',
    by: 'グループ',
    run: '集計する',
    csv: 'CSV をダウンロード',
    value: '値',
    empty: '該当するイベントはありません。',
    failed: '集計できませんでした: {message}',
    filter: '{value} で絞り込む',
  },
  {
    stats: 'Field values',
    aggregate: 'Aggregate',
    field: 'Field',
    fn: 'Function',
    count: 'Count',
    sum: 'Sum',
    uniq: 'Distinct values',
    of: 'Of',
    by: 'By',
    run: 'Aggregate',
    csv: 'Download CSV',
    value: 'Value',
    empty: 'No matching events.',
    failed: 'Could not aggregate: {message}',
    filter: 'Filter on {value}',
  },
);

/**
 * What the matching events hold, beside the list: the top values of a field with their counts (a click adds
 * `field:"value"` to the query), and aggregates (count, sum of a number field, distinct values) by a field as a
 * table that downloads as CSV. Both are computed by the engine over the whole search, not over the page shown.
 *
 * @event field-filter - `{ field, value }`: the user clicked a value to filter on it.
 */
export class FieldInsights extends LitElement {
  static override properties = {
    participantId: { attribute: false },
    query: { attribute: false },
    range: { attribute: false },
    fields: { attribute: false },
    mode: { state: true },
    request: { state: true },
    result: { state: true },
    error: { state: true },
    loading: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        border: 1px solid var(--line);
        border-radius: 6px;
        padding: 8px;
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        align-items: center;
      }
      select {
        max-width: 100%;
      }
      table {
        width: 100%;
        margin-top: 6px;
      }
      td.num {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .value-button {
        border: none;
        background: none;
        padding: 0;
        color: var(--accent);
        text-decoration: underline;
        text-align: left;
        word-break: break-all;
      }
    `,
  ];
  declare participantId: string;
  declare query: string;
  declare range: TimeWindow | null;
  declare fields: readonly QueryField[];
  declare mode: 'stats' | 'aggregate';
  declare request: AggregateRequest;
  declare result: Aggregate | null;
  declare error: string;
  declare loading: boolean;
  private readonly locale = new LocaleController(this);
  private generation = 0;

  constructor() {
    super();
    this.participantId = '';
    this.query = '';
    this.range = null;
    this.fields = [];
    this.mode = 'stats';
    this.request = { fn: 'count', by: 'user_name', limit: 10 };
    this.result = null;
    this.error = '';
    this.loading = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if ((changed.has('query') || changed.has('range') || changed.has('participantId')) && this.range) void this.run();
  }

  private async run(): Promise<void> {
    if (!this.range || !this.participantId) return;
    const generation = ++this.generation;
    this.loading = true;
    this.error = '';
    try {
      const result = await loadAggregate(this.participantId, this.query, this.range, this.request);
      if (generation === this.generation) this.result = result;
    } catch (error) {
      if (generation === this.generation) {
        this.result = null;
        this.error = t('failed', { message: apiErrorText(error) });
      }
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  private set(patch: Partial<AggregateRequest>, runNow: boolean): void {
    this.request = { ...this.request, ...patch };
    if (runNow) void this.run();
  }

  private chooseMode(mode: 'stats' | 'aggregate'): void {
    this.mode = mode;
    this.request =
      mode === 'stats'
        ? { fn: 'count', by: this.request.by, limit: 10 }
        : { fn: this.request.fn, by: this.request.by, of: this.request.of ?? 'bytes', limit: 100 };
    void this.run();
  }

  private fieldLabel(name: string): string {
    const field = this.fields.find((candidate) => candidate.name === name);
    return field ? field.label[language()] : name;
  }

  private fieldOptions(filter: (field: QueryField) => boolean, selected: string | undefined) {
    return this.fields
      .filter(filter)
      .map(
        (field) =>
          html`<option value=${field.name} ?selected=${field.name === selected}>${field.label[language()]}</option>`,
      );
  }

  private renderControls() {
    const groupable = (field: QueryField) => field.kind !== 'text';
    const by = html`<label
      >${this.mode === 'stats' ? t('field') : t('by')}
      <select
        data-test=${this.mode === 'stats' ? 'field-stats-field' : 'aggregate-by'}
        @change=${(e: Event) => this.set({ by: (e.target as HTMLSelectElement).value }, this.mode === 'stats')}
      >
        ${this.fieldOptions(groupable, this.request.by)}
      </select></label
    >`;
    if (this.mode === 'stats') return html`<div class="controls">${by}</div>`;
    const fn = this.request.fn;
    return html`<form
      class="controls"
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        void this.run();
      }}
    >
      <label
        >${t('fn')}
        <select
          data-test="aggregate-fn"
          @change=${(e: Event) => this.set({ fn: (e.target as HTMLSelectElement).value as AggregateRequest['fn'] }, false)}
        >
          ${(['count', 'sum', 'uniq'] as const).map((name) => html`<option value=${name} ?selected=${fn === name}>${t(name)}</option>`)}
        </select></label
      >
      ${
        fn === 'count'
          ? nothing
          : html`<label
              >${t('of')}
              <select
                data-test="aggregate-of"
                @change=${(e: Event) => this.set({ of: (e.target as HTMLSelectElement).value }, false)}
              >
                ${this.fieldOptions((field) => (fn === 'sum' ? field.kind === 'number' : groupable(field)), this.request.of)}
              </select></label
            >`
      }
      ${by}
      <button type="submit" data-test="aggregate-run">${t('run')}</button>
      ${
        this.range
          ? html`<a
              href=${aggregateCsvUrl(this.participantId, this.query, this.range, this.request)}
              download
              data-test="aggregate-csv"
              >${t('csv')}</a
            >`
          : nothing
      }
    </form>`;
  }

  private shownKey(key: string): string {
    return this.result?.field === 'category' ? categoryLabel(key) : key;
  }

  private renderRows(result: Aggregate) {
    if (result.rows.length === 0) return html`<p class="muted">${t('empty')}</p>`;
    const valueName =
      this.request.fn === 'count' ? t('count') : `${t(this.request.fn)} (${this.fieldLabel(this.request.of ?? '')})`;
    return html`<table data-test=${this.mode === 'stats' ? 'field-stats' : 'aggregate-table'}>
      <thead>
        <tr>
          <th>${this.fieldLabel(result.field)}</th>
          <th class="num">${valueName}</th>
        </tr>
      </thead>
      <tbody>
        ${result.rows.map(
          (row) =>
            html`<tr data-test=${this.mode === 'stats' ? 'field-stats-row' : 'aggregate-row'} data-key=${row.key}>
              <td>
                <button
                  type="button"
                  class="value-button"
                  title=${t('filter', { value: row.key })}
                  data-test="field-stats-value"
                  @click=${() => this.filterOn(result.field, row.key)}
                >
                  ${row.key === '' ? '—' : this.shownKey(row.key)}
                </button>
              </td>
              <td class="num" data-test="aggregate-value" data-value=${String(row.value)}>${formatCount(row.value)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private filterOn(field: string, value: string): void {
    this.dispatchEvent(new CustomEvent('field-filter', { detail: { field, value }, bubbles: true, composed: true }));
  }

  override render() {
    void this.locale;
    return html`<div class="controls" role="tablist">
        ${(['stats', 'aggregate'] as const).map(
          (mode) =>
            html`<button
              type="button"
              role="tab"
              aria-selected=${this.mode === mode ? 'true' : 'false'}
              data-test=${`insights-${mode}`}
              @click=${() => this.chooseMode(mode)}
            >
              ${t(mode)}
            </button>`,
        )}
      </div>
      ${this.renderControls()} ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.result ? this.renderRows(this.result) : nothing}`;
  }
}
customElements.define('yorozu-field-insights', FieldInsights);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-field-insights': FieldInsights;
  }
}
