-- Feeds device_hourly from every insert into events.
CREATE MATERIALIZED VIEW IF NOT EXISTS device_hourly_mv TO device_hourly AS
SELECT
  participant_id,
  device_id,
  toStartOfHour(time) AS hour,
  count() AS events,
  max(received_at) AS last_received,
  max(time) AS last_event_time
FROM events
GROUP BY participant_id, device_id, hour
