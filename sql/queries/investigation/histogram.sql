-- Counts per time bucket and category over the whole range (the explorer's histogram).
SELECT toUnixTimestamp(toStartOfInterval(time, toIntervalSecond({bucketSeconds:UInt32}), 'Asia/Tokyo')) AS bucket, category, count() AS n
FROM events FINAL
WHERE participant_id IN {scope:Array(UUID)}
  AND time >= {from:DateTime64(3, 'UTC')} AND time < {to:DateTime64(3, 'UTC')}
  AND (/* query-filter */ 1)
GROUP BY bucket, category
ORDER BY bucket
