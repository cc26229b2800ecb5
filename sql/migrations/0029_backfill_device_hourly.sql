-- Events stored before device_hourly existed (0027, 0028), counted once. Migrations run at start,
-- before the gateway takes batches, so nothing reaches events between 0028 and this one.
INSERT INTO device_hourly
SELECT participant_id, device_id, toStartOfHour(time) AS hour, count() AS events, max(received_at) AS last_received, max(time) AS last_event_time
FROM events FINAL
GROUP BY participant_id, device_id, hour
