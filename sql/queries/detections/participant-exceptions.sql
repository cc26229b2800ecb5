-- One participant's exceptions in force, for its detection run.
SELECT toString(participant_id) AS participant_id, exception_id, rule_id, field, value, reason, changed_at, changed_by
FROM (SELECT * FROM detection_exceptions FINAL WHERE removed = 0 AND participant_id = {participant:UUID})
ORDER BY rule_id, field, value
