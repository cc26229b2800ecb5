import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import * as echarts from 'echarts/core';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  BrushComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type BrushComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { formatCount } from '../../format/numbers.js';
import { sharedStyles } from '../../styles/theme.js';
import type { Histogram, TimeWindow } from './explorer-api.js';
import type { QueryField } from '../../api/event-fields.js';
import { histogramSeries, splitChoices } from './histogram-series.js';
import { axisLabel, bucketLabel } from './histogram-time-labels.js';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, BrushComponent, CanvasRenderer]);
type HistogramOption = echarts.ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | BrushComponentOption
>;

const t = defineMessages(
  {
    total: '{count} 件',
    loading: '集計中…',
    hint: 'グラフをドラッグすると、その期間に絞り込みます',
    title: '件数の推移 ({field}別)',
    splitBy: '内訳',
    other: 'その他',
    none: '(なし)',
  },
  {
    total: '{count} events',
    loading: 'Counting…',
    hint: 'Drag across the chart to zoom into that period',
    title: 'Events over time, by {field}',
    splitBy: 'Split by',
    other: 'Other',
    none: '(none)',
  },
);

/**
 * Matching events over the whole range, stacked by category or by the values of a splittable field chosen
 * beside the chart (the most frequent values, the rest as "other"). Dragging across the chart (or clicking
 * a bar) selects that period.
 * @event range-select - detail `{ from: Date, to: Date }`.
 * @event split-change - detail `{ split }`: the field (catalogue name) chosen to split by; `category` is the default.
 */
export class EventHistogram extends LitElement {
  static override properties = {
    histogram: { attribute: false },
    loading: { type: Boolean },
    fields: { attribute: false },
    split: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .head {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: 8px;
        flex-wrap: wrap;
      }
      .total {
        font-weight: 700;
        font-size: 1.05rem;
        font-variant-numeric: tabular-nums;
      }
      .chart {
        position: relative;
        height: 200px;
      }
      .canvas {
        position: absolute;
        inset: 0;
      }
      .overlay {
        position: absolute;
        inset: 0;
        display: grid;
        place-items: center;
        background: rgb(255 255 255 / 0.6);
        pointer-events: none;
      }
      .hint {
        font-size: 0.8rem;
      }
      .split {
        font-size: 0.85rem;
        margin-inline-start: auto;
      }
      /* The legend's totals for screen readers (the chart is a canvas); not shown, it repeats the legend. */
      .series-totals {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      @media (max-width: 600px) {
        .chart {
          height: 170px;
        }
        .hint {
          display: none;
        }
      }
    `,
  ];
  declare histogram: Histogram | null;
  declare loading: boolean;
  /** The catalogue: the fields marked splittable are offered to split by. */
  declare fields: readonly QueryField[];
  declare split: string;
  private chart: echarts.EChartsType | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.histogram = null;
    this.loading = false;
    this.fields = [];
    this.split = 'category';
  }

  override disconnectedCallback(): void {
    this.resizeObserver?.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
    super.disconnectedCallback();
  }

  protected override updated(_changed: PropertyValues<this>): void {
    // Also on a language change: the legend and the axis are in the current language.
    const container = this.renderRoot.querySelector<HTMLElement>('.canvas');
    if (!container) return;
    if (!this.chart) {
      this.chart = echarts.init(container, undefined, { renderer: 'canvas' });
      this.chart.on('brushEnd', (params) => this.onBrushEnd(params as { areas?: { coordRange?: number[] }[] }));
      this.chart.on('click', (params) => this.selectBuckets(params.dataIndex, params.dataIndex));
      this.resizeObserver = new ResizeObserver(() => this.chart?.resize());
      this.resizeObserver.observe(container);
    }
    this.chart.setOption(this.option(), { notMerge: true });
    this.chart.dispatchAction({
      type: 'takeGlobalCursor',
      key: 'brush',
      brushOption: { brushType: 'lineX', brushMode: 'single' },
    });
  }

  private option(): HistogramOption {
    const buckets = this.histogram?.buckets ?? [];
    const seconds = this.histogram?.bucketSeconds ?? 3600;
    const narrow = this.clientWidth < 600;
    return {
      animation: false,
      grid: { left: 44, right: 12, top: narrow ? 52 : 36, bottom: 24 },
      legend: { type: 'scroll', top: 0, left: 0, right: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, renderMode: 'richText' },
      brush: {
        xAxisIndex: 0,
        brushType: 'lineX',
        brushMode: 'single',
        transformable: false,
        throttleType: 'debounce',
        throttleDelay: 100,
        brushStyle: { color: 'rgba(29, 78, 216, 0.15)', borderColor: '#1d4ed8', borderWidth: 1 },
      },
      xAxis: {
        type: 'category',
        data: buckets.map((bucket) => bucket.t),
        axisLabel: {
          formatter: (value: string) => axisLabel(value, seconds, this.spanSeconds()),
          hideOverlap: true,
          fontSize: 11,
        },
        axisPointer: { label: { formatter: ({ value }) => bucketLabel(String(value), seconds) } },
        axisTick: { alignWithLabel: true },
      },
      yAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { fontSize: 11 } },
      series: this.series().map((series) => ({
        type: 'bar',
        name: series.name,
        stack: 'events',
        barCategoryGap: '15%',
        ...(series.colour ? { itemStyle: { color: series.colour } } : {}),
        emphasis: { focus: 'series' },
        data: buckets.map(series.count),
      })),
    };
  }

  private series() {
    return histogramSeries(this.histogram, { none: t('none'), other: t('other') });
  }

  private splitLabel(): string {
    const field = this.fields.find((candidate) => candidate.name === this.split);
    return field ? field.label[language()] : this.split;
  }

  private spanSeconds(): number {
    const histogram = this.histogram;
    return histogram ? (new Date(histogram.to).getTime() - new Date(histogram.from).getTime()) / 1000 : 86400;
  }

  private onBrushEnd(params: { areas?: { coordRange?: number[] }[] }) {
    const range = params.areas?.[0]?.coordRange;
    this.chart?.dispatchAction({ type: 'brush', areas: [] });
    if (!range || range.length < 2) return;
    this.selectBuckets(Math.min(range[0]!, range[1]!), Math.max(range[0]!, range[1]!));
  }

  /** The period from the start of one bucket to the end of another, within the searched range. */
  private selectBuckets(first: number, last: number) {
    const histogram = this.histogram;
    const start = histogram?.buckets[Math.max(0, first)];
    const end = histogram?.buckets[Math.min(histogram.buckets.length - 1, last)];
    if (!histogram || !start || !end) return;
    const period: TimeWindow = {
      from: new Date(Math.max(new Date(start.t).getTime(), new Date(histogram.from).getTime())),
      to: new Date(
        Math.min(new Date(end.t).getTime() + histogram.bucketSeconds * 1000, new Date(histogram.to).getTime()),
      ),
    };
    if (period.from < period.to)
      this.dispatchEvent(new CustomEvent('range-select', { detail: period, bubbles: true, composed: true }));
  }

  private chooseSplit(split: string) {
    this.dispatchEvent(new CustomEvent('split-change', { detail: { split }, bubbles: true, composed: true }));
  }

  override render() {
    void this.locale;
    const total = this.histogram?.total;
    const choices = splitChoices(this.fields);
    return html`
      <section
        class="panel"
        data-test="histogram"
        aria-label=${t('title', { field: this.splitLabel() })}
        lang=${language()}
      >
        <div class="head">
          <span class="total" data-test="histogram-total"
            >${total === undefined ? '—' : t('total', { count: formatCount(total) })}</span
          >
          <span class="hint muted">${t('hint')}</span>
          ${
            choices.length > 0
              ? html`<label class="split"
                  >${t('splitBy')}
                  <select
                    data-test="histogram-split"
                    .value=${this.split}
                    @change=${(e: Event) => this.chooseSplit((e.target as HTMLSelectElement).value)}
                  >
                    ${choices.map(
                      (field) =>
                        html`<option value=${field.name} ?selected=${field.name === this.split}>
                          ${field.label[language()]}
                        </option>`,
                    )}
                  </select></label
                >`
              : nothing
          }
        </div>
        <ul class="series-totals" data-test="histogram-legend">
          ${this.series().map(
            (series) =>
              html`<li data-test="histogram-series" data-name=${series.name}>
                ${series.name}: ${formatCount(this.histogram!.buckets.reduce((sum, b) => sum + series.count(b), 0))}
              </li>`,
          )}
        </ul>
        <div class="chart">
          <div class="canvas"></div>
          ${this.loading ? html`<div class="overlay muted" data-test="histogram-loading">${t('loading')}</div>` : nothing}
        </div>
      </section>
    `;
  }
}
customElements.define('yorozu-event-histogram', EventHistogram);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-event-histogram': EventHistogram;
  }
}
