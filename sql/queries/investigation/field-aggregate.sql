-- The explorer's field statistics and aggregates: matching events grouped by one field, with count(), sum() or
-- uniq() per group, largest first. The two markers are replaced by catalogue column names only (field-aggregates.ts);
-- the query-filter marker by the compiled query (catalogue columns and parameters only).
SELECT toString(/* group-column */ category) AS key, /* aggregate */ count() AS value
FROM events FINAL
WHERE participant_id IN {scope:Array(UUID)}
  AND time >= {from:DateTime64(3, 'UTC')} AND time < {to:DateTime64(3, 'UTC')}
  AND (/* query-filter */ 1)
GROUP BY key
ORDER BY value DESC, key
LIMIT {limit:UInt32}
