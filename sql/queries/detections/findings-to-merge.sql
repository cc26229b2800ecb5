-- The current state of the findings a run found again, for updating them (counts, first and last seen, keys).
SELECT finding_id, detected_at, first_seen, last_seen, event_count, event_keys
FROM findings FINAL
WHERE participant_id = {participant:UUID} AND finding_id IN {ids:Array(String)}
