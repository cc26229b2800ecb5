import { LitElement, css, html, type PropertyValues } from 'lit';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  type GridComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { A4_CONTENT_WIDTH_PX, REPORT_FONTS } from './report.styles.js';
import { cssText } from '../../styles/css-text.js';

use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

type TrendChartOption = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption>;

/** The days of the period ending today (JST), oldest first, as 'YYYY-MM-DD'. */
export function periodDays(days: number, now = new Date()): string[] {
  const todayJst = Date.parse(new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10));
  return Array.from({ length: days }, (_, index) =>
    new Date(todayJst - (days - 1 - index) * 86_400_000).toISOString().slice(0, 10),
  );
}

function trendOption(
  trend: readonly { day: string; score: number }[],
  days: number,
  seriesName: string,
): TrendChartOption {
  const byDay = new Map(trend.map((point) => [point.day, point.score]));
  const axisDays = periodDays(days);
  return {
    animation: false,
    textStyle: { fontFamily: REPORT_FONTS },
    grid: { left: 40, right: 24, top: 12, bottom: 28 },
    tooltip: { trigger: 'axis', confine: true, renderMode: 'richText' },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: axisDays,
      axisLabel: {
        formatter: (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`,
        hideOverlap: true,
      },
    },
    yAxis: { type: 'value', min: 0, max: 100, interval: 20 },
    series: [
      {
        name: seriesName,
        type: 'line',
        data: axisDays.map((day) => byDay.get(day) ?? null),
        connectNulls: true,
        showSymbol: true,
        symbolSize: 6,
        lineStyle: { width: 2, color: '#1d4ed8' },
        itemStyle: { color: '#1d4ed8' },
      },
    ],
  };
}

/**
 * The daily score over the period as a line. Its own small chart (not `<yorozu-echart>`): it draws a
 * line, and it redraws at the A4 width before the browser prints, which a resize observer does not
 * get to do in time.
 */
export class ReportTrendChart extends LitElement {
  static override properties = {
    trend: { attribute: false },
    days: { type: Number },
    seriesName: { attribute: false },
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
  declare trend: { day: string; score: number }[];
  declare days: number;
  declare seriesName: string;
  declare height: number;
  private chart: EChartsType | null = null;
  private readonly resizeObserver = new ResizeObserver(() => this.chart?.resize());
  // Chromium also switches to print media without a beforeprint event (printing to PDF from a script).
  private readonly printMedia = window.matchMedia('print');

  constructor() {
    super();
    this.trend = [];
    this.days = 30;
    this.seriesName = '';
    this.height = 240;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeprint', this.fitToPaper);
    window.addEventListener('afterprint', this.fitToBox);
    this.printMedia.addEventListener('change', this.followMedia);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('beforeprint', this.fitToPaper);
    window.removeEventListener('afterprint', this.fitToBox);
    this.printMedia.removeEventListener('change', this.followMedia);
    this.resizeObserver.disconnect();
    this.chart?.dispose();
    this.chart = null;
    super.disconnectedCallback();
  }

  private readonly fitToPaper = () => {
    const box = this.renderRoot.querySelector<HTMLDivElement>('div.box');
    this.chart?.resize({ width: Math.min(box?.clientWidth || A4_CONTENT_WIDTH_PX, A4_CONTENT_WIDTH_PX) });
  };

  private readonly fitToBox = () => this.chart?.resize();

  private readonly followMedia = () => (this.printMedia.matches ? this.fitToPaper() : this.fitToBox());

  override render() {
    return html`<div class="box" ${cssText(`height: ${this.height}px`)}></div>`;
  }

  override updated(changed: PropertyValues<this>): void {
    const box = this.renderRoot.querySelector<HTMLDivElement>('div.box');
    if (!box) return;
    if (!this.chart) {
      // Printed at twice the screen's resolution so the line stays sharp on paper.
      this.chart = init(box, undefined, {
        renderer: 'canvas',
        devicePixelRatio: Math.max(2, window.devicePixelRatio || 1),
      });
      this.resizeObserver.observe(box);
    } else if (changed.has('height')) {
      this.chart.resize();
    }
    this.chart.setOption(trendOption(this.trend, this.days, this.seriesName), { notMerge: true });
  }
}
customElements.define('yorozu-report-trend-chart', ReportTrendChart);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-report-trend-chart': ReportTrendChart;
  }
}
