-- The time of a device's newest event (any range), for the timeline's "jump to last activity". Read from the
-- hourly summary, so it does not scan events.
SELECT max(last_event_time) AS last_event_time, count() AS hours
FROM device_hourly
WHERE participant_id IN {scope:Array(UUID)} AND device_id = {device:UUID}
