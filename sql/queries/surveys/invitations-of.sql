SELECT survey_id, participant_id, notice_id, invited_at
FROM survey_invitations
WHERE survey_id IN {surveyIds:Array(UUID)}
ORDER BY invited_at
