-- A participant's findings as of their newest run, for the evaluation that updates them.
SELECT finding_id, detected_at, event_count, last_seen
FROM findings FINAL
WHERE participant_id = {participant:UUID}
