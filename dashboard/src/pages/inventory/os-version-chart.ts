import type { ChartOption } from '../../components/echart/echart.js';
import type { HardwareSummary } from './inventory-api.js';

/** Devices per OS version as horizontal bars, the most common on top. */
export function osVersionChartOption(rows: HardwareSummary['by_os'], unknown: string): ChartOption {
  const shown = rows.slice(0, 12);
  const labels = shown.map((row) => [row.os_name, row.os_version].filter(Boolean).join(' ') || unknown);
  return {
    animation: false,
    grid: { left: 8, right: 32, top: 8, bottom: 8 },
    tooltip: { trigger: 'item', confine: true, renderMode: 'richText' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: labels, axisLabel: { width: 200, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        data: shown.map((row) => row.devices),
        itemStyle: { color: '#2563eb' },
        label: { show: true, position: 'right' },
        barMaxWidth: 22,
      },
    ],
  };
}
