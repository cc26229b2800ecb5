-- Counts per time bucket and value of one low-cardinality field over the whole range (the explorer's histogram
-- split by `split=`); histogram-split.ts keeps the most frequent values and adds the rest up as "other". The
-- split-value marker is replaced by a catalogue column name only; the query-filter marker by the compiled query.
SELECT toUnixTimestamp(toStartOfInterval(time, toIntervalSecond({bucketSeconds:UInt32}), 'Asia/Tokyo')) AS bucket,
  toString(/* split-value */ user_name) AS value, count() AS n
FROM events FINAL
WHERE participant_id IN {scope:Array(UUID)}
  AND time >= {from:DateTime64(3, 'UTC')} AND time < {to:DateTime64(3, 'UTC')}
  AND (/* query-filter */ 1)
GROUP BY bucket, value
ORDER BY bucket
