-- The log explorer's results ordered by one field (`sort=`), the newest first among equal values, a page at a time
-- after a (value, time, device, seq) cursor: exact, since that key is unique. Markers (event-sort.ts): sort-value
-- becomes a fixed expression of a catalogue column, direction ASC or DESC, after > or <, the cursor value's type
-- String or UInt64; the query-filter marker the compiled query (catalogue columns and parameters only).
-- No sort key serves a column order: every matching row of the range is read (the UI says so).
SELECT e.*, d.hostname AS hostname
FROM
(
  SELECT *, /* sort-value */ user_name AS sort_value
  FROM events FINAL
  WHERE participant_id IN {scope:Array(UUID)}
    AND time >= {from:DateTime64(3, 'UTC')} AND time < {to:DateTime64(3, 'UTC')}
    AND (/* query-filter */ 1)
    AND (
      {first:Bool}
      OR sort_value /* after */ > {cursorValue:String}
      OR (sort_value = {cursorValue:String}
        AND (time, device_id, seq) < ({cursorTime:DateTime64(3, 'UTC')}, {cursorDevice:UUID}, {cursorSeq:UInt64}))
    )
  ORDER BY sort_value /* direction */ ASC, time DESC, device_id DESC, seq DESC
  LIMIT {limit:UInt32}
) AS e
LEFT JOIN (SELECT device_id, hostname FROM devices_current) AS d ON d.device_id = e.device_id
ORDER BY e.sort_value /* direction */ ASC, e.time DESC, e.device_id DESC, e.seq DESC
