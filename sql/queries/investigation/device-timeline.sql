-- One device's events over a range, oldest first, optionally only some categories.
SELECT e.*, d.hostname AS hostname
FROM
(
  SELECT * FROM events FINAL
  WHERE participant_id IN {scope:Array(UUID)} AND device_id = {device:UUID}
    AND time >= {from:DateTime64(3, 'UTC')} AND time < {to:DateTime64(3, 'UTC')}
    AND (empty({categories:Array(String)}) OR has({categories:Array(String)}, toString(category)))
  ORDER BY time, seq
  LIMIT {limit:UInt32}
) AS e
LEFT JOIN (SELECT device_id, hostname FROM devices_current) AS d ON d.device_id = e.device_id
ORDER BY e.time, e.seq
