import { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as TimeSeriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { PROMETHEUS } from '../clickhouse-query.js';

/** Yorozu's own /metrics (ingest/metrics.ts), scraped by Prometheus from every gateway. */
export const PROMETHEUS_PANELS: { title: string; unit: string; expr: string; legend: string }[] = [
  {
    title: '受け付けたイベント/秒 / Events accepted per second',
    unit: 'ops',
    expr: 'sum by (category) (rate(yorozu_events_accepted_total[$__rate_interval]))',
    legend: '{{category}}',
  },
  {
    title: '拒否したイベント/秒 / Events rejected per second',
    unit: 'ops',
    expr: 'sum by (reason) (rate(yorozu_events_rejected_total[$__rate_interval]))',
    legend: '{{reason}}',
  },
  {
    title: '拒否したメッセージ/秒 / Messages refused per second',
    unit: 'ops',
    expr: 'sum by (code) (rate(yorozu_messages_refused_total[$__rate_interval]))',
    legend: '{{code}}',
  },
  {
    title: 'エージェント接続 / Agent connections',
    unit: 'short',
    expr: 'sum by (instance) (yorozu_agent_connections)',
    legend: '{{instance}}',
  },
  {
    title: 'ACK 遅延 p99 / Ack latency p99',
    unit: 's',
    expr: 'histogram_quantile(0.99, sum by (le, transport) (rate(yorozu_ack_latency_seconds_bucket[$__rate_interval])))',
    legend: '{{transport}}',
  },
  {
    title: '書き込み待ちの行 / Writer queue rows',
    unit: 'short',
    expr: 'sum by (instance, table) (yorozu_writer_queue_rows)',
    legend: '{{instance}} {{table}}',
  },
  {
    title: 'INSERT 時間 p99 / Insert duration p99',
    unit: 's',
    expr: 'histogram_quantile(0.99, sum by (le, table) (rate(yorozu_insert_duration_seconds_bucket[$__rate_interval])))',
    legend: '{{table}}',
  },
  // prom-client's default metrics under the prefix "yorozu_process_" (ingest/metrics.ts), hence the doubled word.
  {
    title: 'ゲートウェイのメモリ / Gateway memory (RSS)',
    unit: 'bytes',
    expr: 'yorozu_process_process_resident_memory_bytes',
    legend: '{{instance}}',
  },
  {
    title: 'ゲートウェイの CPU / Gateway CPU',
    unit: 'percentunit',
    expr: 'rate(yorozu_process_process_cpu_seconds_total[$__rate_interval])',
    legend: '{{instance}}',
  },
];

export function yorozuMetricsDashboard(): DashboardBuilder {
  let dashboard = new DashboardBuilder('Yorozu ゲートウェイ / Gateway metrics')
    .uid('yorozu-gateway-metrics')
    .tags(['yorozu', 'generated'])
    .timezone('Asia/Tokyo')
    .time({ from: 'now-6h', to: 'now' })
    .refresh('30s');
  for (const panel of PROMETHEUS_PANELS) {
    dashboard = dashboard.withPanel(
      new TimeSeriesPanel()
        .title(panel.title)
        .unit(panel.unit)
        .datasource(PROMETHEUS)
        .span(12)
        .height(8)
        .withTarget(new DataqueryBuilder().expr(panel.expr).legendFormat(panel.legend).datasource(PROMETHEUS)),
    );
  }
  return dashboard;
}
