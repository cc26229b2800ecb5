import { DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TimeSeriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { series, table } from '../clickhouse-query.js';
import { participantVariable } from '../variables.js';

/** Fleet ingest: what the agents send, per category and participant, what the gateway refused, who is online. */

export function fleetIngestDashboard(): DashboardBuilder {
  return new DashboardBuilder('Yorozu 取り込み / Fleet ingest')
    .uid('yorozu-fleet-ingest')
    .tags(['yorozu', 'generated'])
    .timezone('Asia/Tokyo')
    .time({ from: 'now-24h', to: 'now' })
    .refresh('1m')
    .withVariable(participantVariable(true))
    .withPanel(
      new StatPanel()
        .title('オンラインの端末 / Agents online')
        .description('Devices that sent something in the last 5 minutes (device_hourly.last_received).')
        .span(6)
        .height(6)
        .withTarget(
          table(`
SELECT count() AS agents_online
FROM (
  SELECT device_id
  FROM device_hourly
  WHERE hour >= toStartOfHour(now() - INTERVAL 1 HOUR) AND $__conditionalAll(participant_id IN (\${participant}), $participant)
  GROUP BY device_id
  HAVING max(last_received) >= now64(3) - INTERVAL 5 MINUTE
)`),
        ),
    )
    .withPanel(
      new TimeSeriesPanel()
        .title('報告した端末（時間ごと）/ Agents reporting per hour')
        .span(18)
        .height(6)
        .withTarget(
          series(`
SELECT hour AS bucket, uniqExact(device_id) AS agents
FROM device_hourly
WHERE $__timeFilter(hour) AND $__conditionalAll(participant_id IN (\${participant}), $participant)
GROUP BY bucket
ORDER BY bucket`),
        ),
    )
    .withRow(new RowBuilder('イベント / Events'))
    .withPanel(
      new TimeSeriesPanel()
        .title('種別ごとのイベント/秒 / Events per second by category')
        .unit('ops')
        .span(12)
        .height(8)
        .withTarget(
          series(`
SELECT $__timeInterval(time) AS bucket, toString(category) AS category, count() / $__interval_s AS events_per_second
FROM events FINAL
WHERE $__timeFilter(time) AND $__conditionalAll(participant_id IN (\${participant}), $participant)
GROUP BY bucket, category
ORDER BY bucket`),
        ),
    )
    .withPanel(
      new TimeSeriesPanel()
        .title('参加者ごとのイベント/秒 / Events per second by participant')
        .unit('ops')
        .span(12)
        .height(8)
        .withTarget(
          series(`
SELECT $__timeInterval(e.time) AS bucket, p.name AS participant, count() / $__interval_s AS events_per_second
FROM events AS e FINAL
INNER JOIN participants_current AS p ON p.participant_id = e.participant_id
WHERE $__timeFilter(e.time) AND $__conditionalAll(e.participant_id IN (\${participant}), $participant)
GROUP BY bucket, participant
ORDER BY bucket`),
        ),
    )
    .withPanel(
      new TimeSeriesPanel()
        .title('拒否したメッセージ / Rejected messages by code')
        .description('What the gateway refused (rejected_messages), by error code.')
        .span(24)
        .height(8)
        .withTarget(
          series(`
SELECT $__timeInterval(received_at) AS bucket, toString(code) AS code, count() AS rejected
FROM rejected_messages
WHERE $__timeFilter(received_at) AND $__conditionalAll(participant_id IN (\${participant}), $participant)
GROUP BY bucket, code
ORDER BY bucket`),
        ),
    );
}
