SELECT survey_id, participant_id, notice_id, invited_at
FROM survey_invitations
WHERE participant_id IN {participantIds:Array(UUID)}
ORDER BY invited_at
