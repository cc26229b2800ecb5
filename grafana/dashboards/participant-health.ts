import { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeSeriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { series, table } from '../clickhouse-query.js';
import { participantVariable } from '../variables.js';

/**
 * One participant's health: the score after each evaluation (the same severity-weighted score as
 * sql/queries/health/score-history.sql), the failing policies now, and the evaluations themselves.
 * The variable is single-valued; the plugin pastes it as is, so the SQL quotes it.
 */
export function participantHealthDashboard(): DashboardBuilder {
  return new DashboardBuilder('Yorozu 参加者の健全性 / Participant health')
    .uid('yorozu-participant-health')
    .tags(['yorozu', 'generated'])
    .timezone('Asia/Tokyo')
    .time({ from: 'now-30d', to: 'now' })
    .withVariable(participantVariable(false))
    .withPanel(
      new TimeSeriesPanel()
        .title('スコアの推移 / Score trend')
        .unit('percent')
        .min(0)
        .max(100)
        .span(24)
        .height(8)
        .withTarget(
          series(`
SELECT max(evaluated_at) AS bucket, round(avg(device_score), 1) AS score
FROM (
  SELECT evaluation_id, evaluated_at, device_id,
    100 * sumIf(weight, status = 'pass') / nullIf(sumIf(weight, status != 'unknown'), 0) AS device_score
  FROM (
    SELECT evaluation_id, evaluated_at, device_id, status,
      multiIf(severity = 'critical', 5, severity = 'high', 3, severity = 'medium', 2, 1) AS weight
    FROM policy_results
    WHERE participant_id = '\${participant}' AND $__timeFilter(evaluated_at)
  )
  GROUP BY evaluation_id, evaluated_at, device_id
)
WHERE device_score IS NOT NULL
GROUP BY evaluation_id
ORDER BY bucket`),
        ),
    )
    .withPanel(
      new TablePanel()
        .title('不合格のポリシー / Failing policies')
        .description(
          "Each device's latest verdict per policy (last 7 days of evaluations); policies failing on at least one device.",
        )
        .span(14)
        .height(10)
        .withTarget(
          table(`
WITH latest AS (
  SELECT device_id, policy_id, argMax(status, evaluated_at) AS status, min(evaluated_at) AS first_seen
  FROM policy_results
  WHERE participant_id = '\${participant}' AND evaluated_at >= now64(3) - INTERVAL 7 DAY
  GROUP BY device_id, policy_id
)
SELECT pol.title_ja AS policy, pol.title_en AS policy_en, toString(pol.severity) AS severity, count() AS failing_devices
FROM latest
INNER JOIN (
  SELECT policy_id, argMax(title_ja, version) AS title_ja, argMax(title_en, version) AS title_en, argMax(severity, version) AS severity
  FROM policies
  GROUP BY policy_id
) AS pol ON pol.policy_id = latest.policy_id
WHERE latest.status = 'fail'
GROUP BY policy, policy_en, severity
ORDER BY failing_devices DESC, policy`),
        ),
    )
    .withPanel(
      new TimeSeriesPanel()
        .title('評価ごとの不合格数 / Failures per evaluation')
        .span(10)
        .height(10)
        .withTarget(
          series(`
SELECT finished_at AS bucket, failures, devices
FROM policy_evaluations
WHERE participant_id = '\${participant}' AND $__timeFilter(started_at)
ORDER BY bucket`),
        ),
    );
}
