-- The latest of a device's Windows events outside the eight categories, optionally of one event id,
-- with their data and raw body (what the Collector sent).
SELECT time, reason, channel, provider, event_id, record_id, computer, message, event_data, attributes, body, body_truncated
FROM windows_events_kept FINAL
WHERE participant_id IN {scope:Array(UUID)}
  AND device_id = {device:UUID}
  AND time >= {from:DateTime64(3, 'UTC')} AND time < {to:DateTime64(3, 'UTC')}
  AND ({eventId:Nullable(UInt32)} IS NULL OR event_id = {eventId:Nullable(UInt32)})
ORDER BY time DESC
LIMIT {limit:UInt32}
