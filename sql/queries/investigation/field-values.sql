-- Autocomplete of values: the values of one field in the participant's events of the range that begin with what
-- was typed (compared in lower case; the prefix arrives lower-cased), most frequent first. Without FINAL: the
-- counts only order suggestions, and a duplicate not yet merged away changes no value offered. The marker is
-- replaced by a catalogue column name only (field-values.ts).
SELECT toString(/* value-column */ category) AS value, count() AS n
FROM events
WHERE participant_id IN {scope:Array(UUID)}
  AND time >= {from:DateTime64(3, 'UTC')} AND time < {to:DateTime64(3, 'UTC')}
  AND startsWith(lowerUTF8(toString(/* value-column */ category)), {prefix:String})
GROUP BY value
HAVING value != ''
ORDER BY n DESC, value
LIMIT {limit:UInt32}
