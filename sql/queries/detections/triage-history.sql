-- One item's triage changes, oldest first.
SELECT state, reason, message_ja, ticket_id, changed_at, changed_by
FROM finding_triage
WHERE participant_id = {participant:UUID} AND item_id = {item:String}
ORDER BY changed_at
