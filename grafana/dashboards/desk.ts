import { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as BarChartPanel } from '@grafana/grafana-foundation-sdk/barchart';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeSeriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { series, table } from '../clickhouse-query.js';
import { participantVariable } from '../variables.js';

/**
 * The consultation desk: open tickets, tickets opened per day by channel, and SLA breaches per month.
 * SLA clocks run in business hours in TypeScript (desk/rules/sla.ts), not in SQL; what the database
 * holds of a breach is the one alert mail the desk job sends per breached clock (desk/sla-alerts.ts,
 * text starting 【SLA 超過】), so that is what this counts. The exact per-month report is /desk's SLA tab.
 */
/** What the SLA panel's SQL looks for at the start of an alert's text (tests/grafana checks both ends). */
export const SLA_BREACH_MARKER = '【SLA 超過】';

export function deskDashboard(): DashboardBuilder {
  return new DashboardBuilder('Yorozu 相談窓口 / Desk')
    .uid('yorozu-desk')
    .tags(['yorozu', 'generated'])
    .timezone('Asia/Tokyo')
    .time({ from: 'now-90d', to: 'now' })
    .withVariable(participantVariable(true))
    .withPanel(
      new StatPanel()
        .title('未解決のチケット / Open tickets')
        .span(10)
        .height(6)
        .withTarget(
          table(`
SELECT toString(status) AS status, count() AS tickets
FROM tickets_current
WHERE status IN ('new', 'open', 'awaiting_participant') AND $__conditionalAll(participant_id IN (\${participant}), $participant)
GROUP BY status
ORDER BY status`),
        ),
    )
    .withPanel(
      new TimeSeriesPanel()
        .title('受付チケット（日ごと・JST）/ Tickets opened per day by channel')
        .span(14)
        .height(6)
        .withTarget(
          series(`
SELECT toStartOfDay(created_at, 'Asia/Tokyo') AS bucket, toString(channel) AS channel, count() AS tickets
FROM tickets_current
WHERE $__timeFilter(created_at) AND $__conditionalAll(participant_id IN (\${participant}), $participant)
GROUP BY bucket, channel
ORDER BY bucket`),
        ),
    )
    .withPanel(
      new BarChartPanel()
        .title('SLA 超過（月ごと・JST）/ SLA breaches per month')
        .description(
          'Breached clocks the desk alerted on (one alert mail per breached first-response or resolution clock).',
        )
        .span(24)
        .height(8)
        .withTarget(
          table(`
SELECT formatDateTime(toStartOfMonth(created_at, 'Asia/Tokyo'), '%Y-%m') AS month,
  uniqExact(ticket_id) AS breached_tickets, count() AS breached_clocks
FROM outbound_mail
WHERE kind = 'sla_alert' AND startsWith(text, '【SLA 超過】') AND $__timeFilter(created_at) AND $__conditionalAll(participant_id IN (\${participant}), $participant)
GROUP BY month
ORDER BY month`),
        ),
    );
}
