-- Stored copies of the events a device may be re-sending, to compare with what it sent now
-- (first-write-wins check). The hour set and time range keep the read to the sort key's ranges.
SELECT *
FROM events
WHERE participant_id = {participantId:UUID}
  AND toStartOfHour(time) IN {hours:Array(DateTime('UTC'))}
  AND device_id = {deviceId:UUID}
  AND time >= {from:DateTime64(3, 'UTC')}
  AND time <= {to:DateTime64(3, 'UTC')}
  AND seq IN {seqs:Array(UInt64)}
ORDER BY received_at
