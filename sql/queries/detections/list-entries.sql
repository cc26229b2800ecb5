-- The current entries of every list (removed ones left out), for everyone (zero id) or one participant.
SELECT list_name, toString(participant_id) AS participant_id, value, note, changed_at, changed_by
FROM list_entries FINAL
WHERE removed = 0
ORDER BY list_name, participant_id, value
