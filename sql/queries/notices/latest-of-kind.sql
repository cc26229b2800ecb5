SELECT *
FROM notices
WHERE participant_id = {participantId:UUID} AND kind = {kind:String}
ORDER BY created_at DESC
LIMIT 1
