-- A device's Windows events outside the eight categories (windows_events_kept) over a range, counted
-- per channel, provider and event id, with when the last one came. FINAL: a re-sent record counts once.
SELECT
  channel,
  provider,
  event_id,
  any(reason) AS reason,
  count() AS events,
  max(time) AS last_at
FROM windows_events_kept FINAL
WHERE participant_id IN {scope:Array(UUID)}
  AND device_id = {device:UUID}
  AND time >= {from:DateTime64(3, 'UTC')} AND time < {to:DateTime64(3, 'UTC')}
GROUP BY channel, provider, event_id
ORDER BY events DESC, event_id
LIMIT 500
