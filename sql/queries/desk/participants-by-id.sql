-- Names and contact addresses of the given participants.
SELECT participant_id, name, contact_email, toString(status) AS status
FROM participants_current
WHERE participant_id IN {participantIds:Array(UUID)}
