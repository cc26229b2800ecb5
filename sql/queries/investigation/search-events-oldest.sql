-- The log explorer's results oldest first (`order=oldest`): a page at a time above a (time, device, seq) cursor.
-- The query-filter marker below is replaced by the compiled query (catalogue columns and parameters only).
SELECT e.*, d.hostname AS hostname
FROM
(
  SELECT *
  FROM events FINAL
  WHERE participant_id IN {scope:Array(UUID)}
    AND time >= {from:DateTime64(3, 'UTC')} AND time < {to:DateTime64(3, 'UTC')}
    AND (time, device_id, seq) > ({cursorTime:DateTime64(3, 'UTC')}, {cursorDevice:UUID}, {cursorSeq:UInt64})
    AND (/* query-filter */ 1)
  ORDER BY time ASC, device_id ASC, seq ASC
  LIMIT {limit:UInt32}
) AS e
LEFT JOIN (SELECT device_id, hostname FROM devices_current) AS d ON d.device_id = e.device_id
ORDER BY e.time ASC, e.device_id ASC, e.seq ASC
