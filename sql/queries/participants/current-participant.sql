SELECT *
FROM participants_current
WHERE participant_id = {participantId:UUID}
