SELECT *
FROM notices
WHERE audience = 'all_participants' OR participant_id IN {participantIds:Array(UUID)}
ORDER BY created_at DESC
LIMIT {limit:UInt32}
