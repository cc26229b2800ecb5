-- One device's events over a range, newest first (the explorer's order), a page at a time below a (time, seq)
-- cursor, optionally only some categories. The host name is looked up for the one device rather than joining
-- every device of the fleet.
SELECT e.*, (SELECT any(hostname) FROM devices_current WHERE device_id = {device:UUID}) AS hostname
FROM events AS e FINAL
WHERE e.participant_id IN {scope:Array(UUID)} AND e.device_id = {device:UUID}
  AND e.time >= {from:DateTime64(3, 'UTC')} AND e.time < {to:DateTime64(3, 'UTC')}
  AND (e.time, e.seq) < ({cursorTime:DateTime64(3, 'UTC')}, {cursorSeq:UInt64})
  AND (empty({categories:Array(String)}) OR has({categories:Array(String)}, toString(e.category)))
ORDER BY e.time DESC, e.seq DESC
LIMIT {limit:UInt32}
