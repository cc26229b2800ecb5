-- The hit itself and the same device's events just after it (within the week after it).
SELECT e.*, d.hostname AS hostname
FROM
(
  SELECT * FROM events FINAL
  WHERE participant_id IN {scope:Array(UUID)} AND device_id = {device:UUID}
    AND time < {time:DateTime64(3, 'UTC')} + INTERVAL 7 DAY
    AND (time, seq) >= ({time:DateTime64(3, 'UTC')}, {seq:UInt64})
  ORDER BY time, seq
  LIMIT {n:UInt32}
) AS e
LEFT JOIN (SELECT device_id, hostname FROM devices_current) AS d ON d.device_id = e.device_id
ORDER BY e.time, e.seq
