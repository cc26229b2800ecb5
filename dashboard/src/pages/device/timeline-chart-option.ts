import type { ChartOption } from '../../components/echart/echart.js';
import { categoryColour, categoryLabel, type CategoryKey } from '../../format/event-categories.js';
import { eventSummary } from '../../format/event-summary.js';
import { formatJst, parseUtc } from '../../format/jst.js';
import type { TimelineEvent } from './device-api.js';
import type { TimeWindow } from './timeline-range.js';

/**
 * The timeline chart: one row per shown category, time across, one dot per event. The tooltip shows
 * the event's time (JST), user and summary. ECharts draws time axes in the browser's zone, so every
 * label is formatted here in JST instead.
 */
export interface TimelinePoint {
  /** Milliseconds since the epoch, the category's row, the event's index in the list. */
  value: [number, string, number];
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function tooltipHtml(event: TimelineEvent): string {
  const summary = eventSummary(event);
  const lines = [
    `<b>${escapeHtml(formatJst(event.time))}</b> · ${escapeHtml(categoryLabel(event.category))}`,
    event.user_name ? escapeHtml(event.user_name) : '',
    summary ? escapeHtml(summary.length > 160 ? `${summary.slice(0, 159)}…` : summary) : '',
  ];
  // No style attribute: the CSP allows none in markup; the box's look is the tooltip's extraCssText (set through the CSSOM).
  return `<div>${lines.filter(Boolean).join('<br>')}</div>`;
}

export function timelineChartOption(
  events: readonly TimelineEvent[],
  categories: readonly CategoryKey[],
  window: TimeWindow,
  compact: boolean,
): ChartOption {
  const span = window.to.getTime() - window.from.getTime();
  // "11/18 09:00" over days, "09:00" within one; never the year or the seconds
  const axisLabel = (value: number) =>
    span > 86_400_000
      ? formatJst(value, 'datetime').replace(/^\d{4}[/-]/, '')
      : formatJst(value, 'time').replace(/:\d\d$/, '');
  return {
    animation: false,
    grid: { left: 8, right: compact ? 12 : 24, top: 8, bottom: 72 },
    xAxis: {
      type: 'time',
      min: window.from.getTime(),
      max: window.to.getTime(),
      axisLabel: { formatter: axisLabel, hideOverlap: true },
      splitLine: { show: true, lineStyle: { color: '#eef1f5' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: categories.map((category) => categoryLabel(category)),
      axisLabel: { fontSize: compact ? 10 : 12 },
      splitLine: { show: true, lineStyle: { color: '#eef1f5' } },
    },
    tooltip: {
      trigger: 'item',
      confine: true,
      extraCssText: 'max-width: 360px; white-space: normal; overflow-wrap: anywhere',
      formatter: (params) => {
        const point = Array.isArray(params) ? params[0] : params;
        const index = (point?.value as TimelinePoint['value'] | undefined)?.[2];
        const event = index === undefined ? undefined : events[index];
        return event ? tooltipHtml(event) : '';
      },
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      {
        type: 'slider',
        xAxisIndex: 0,
        filterMode: 'none',
        bottom: 8,
        height: 24,
        labelFormatter: (value: number) => formatJst(value, 'datetime'),
      },
    ],
    series: categories.map((category) => ({
      type: 'scatter' as const,
      name: categoryLabel(category),
      symbolSize: compact ? 6 : 8,
      itemStyle: { color: categoryColour(category), opacity: 0.8 },
      emphasis: { scale: 1.6 },
      data: events.flatMap((event, index) =>
        event.category === category
          ? [{ value: [parseUtc(event.time).getTime(), categoryLabel(category), index] }]
          : [],
      ),
    })),
  };
}
