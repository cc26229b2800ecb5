-- How a device's events spread over the whole range (the timeline's overview above the capped list): events
-- per bucket on JST boundaries, optionally only some categories.
SELECT toUnixTimestamp(toStartOfInterval(time, toIntervalSecond({bucketSeconds:UInt32}), 'Asia/Tokyo')) AS bucket, count() AS n
FROM events FINAL
WHERE participant_id IN {scope:Array(UUID)} AND device_id = {device:UUID}
  AND time >= {from:DateTime64(3, 'UTC')} AND time < {to:DateTime64(3, 'UTC')}
  AND (empty({categories:Array(String)}) OR has({categories:Array(String)}, toString(category)))
GROUP BY bucket
ORDER BY bucket
