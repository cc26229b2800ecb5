import { LitElement, css, html, type PropertyValues } from 'lit';
import { BarChart, ScatterChart, type BarSeriesOption, type ScatterSeriesOption } from 'echarts/charts';
import {
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  GridComponent,
  TooltipComponent,
  type DataZoomComponentOption,
  type GridComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECElementEvent, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { cssText } from '../../styles/css-text.js';

// Only what the dashboard draws, so the bundle stays small.
use([
  ScatterChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  ScatterSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | DataZoomComponentOption
>;

export interface ChartClickDetail {
  seriesIndex: number;
  dataIndex: number;
  value: unknown;
}

/**
 * An ECharts chart that follows its box's size. A new `option` is merged into the chart (series
 * replaced), so zoom survives a filter; a new `resetKey` draws it afresh (another range, another page).
 * @event chart-click - a data item was clicked; `detail` is a ChartClickDetail.
 * @csspart chart - the box the chart is drawn in.
 */
export class YorozuEChart extends LitElement {
  static override properties = {
    option: { attribute: false },
    resetKey: { attribute: false },
    height: { type: Number },
  };
  static override styles = css`
    :host {
      display: block;
    }
    .box {
      width: 100%;
    }
  `;
  declare option: ChartOption | null;
  declare resetKey: string;
  declare height: number;
  private chart: EChartsType | null = null;
  private drawnResetKey = '';
  private readonly resizeObserver = new ResizeObserver(() => this.chart?.resize());

  constructor() {
    super();
    this.option = null;
    this.resetKey = '';
    this.height = 320;
  }

  override disconnectedCallback(): void {
    this.resizeObserver.disconnect();
    this.chart?.dispose();
    this.chart = null;
    super.disconnectedCallback();
  }

  override render() {
    return html`<div class="box" part="chart" ${cssText(`height: ${this.height}px`)}></div>`;
  }

  override updated(changed: PropertyValues<this>): void {
    const box = this.renderRoot.querySelector<HTMLDivElement>('div.box');
    if (!box) return;
    if (!this.chart) {
      this.chart = init(box, undefined, { renderer: 'canvas' });
      this.chart.on('click', (event: ECElementEvent) => {
        const detail: ChartClickDetail = {
          seriesIndex: event.seriesIndex ?? 0,
          dataIndex: event.dataIndex,
          value: event.value,
        };
        this.dispatchEvent(new CustomEvent('chart-click', { detail, bubbles: true, composed: true }));
      });
      this.resizeObserver.observe(box);
    } else if (changed.has('height')) {
      this.chart.resize();
    }
    if (!changed.has('option') && !changed.has('resetKey')) return;
    if (!this.option) {
      this.chart.clear();
      return;
    }
    const fresh = this.drawnResetKey !== this.resetKey;
    this.drawnResetKey = this.resetKey;
    this.chart.setOption(this.option, fresh ? { notMerge: true } : { replaceMerge: ['series'] });
  }
}
customElements.define('yorozu-echart', YorozuEChart);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-echart': YorozuEChart;
  }
}
