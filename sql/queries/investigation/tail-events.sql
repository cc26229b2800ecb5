-- Live tail: matching events received after the last poll (their own time within the last day).
SELECT e.*, d.hostname AS hostname
FROM
(
  SELECT * FROM events FINAL
  WHERE participant_id IN {scope:Array(UUID)}
    AND time >= {oldest:DateTime64(3, 'UTC')}
    AND received_at > {since:DateTime64(3, 'UTC')} AND received_at <= {until:DateTime64(3, 'UTC')}
    AND (/* query-filter */ 1)
  ORDER BY received_at, time, seq
  LIMIT {limit:UInt32}
) AS e
LEFT JOIN (SELECT device_id, hostname FROM devices_current) AS d ON d.device_id = e.device_id
ORDER BY e.received_at, e.time, e.seq
