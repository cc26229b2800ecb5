-- The surveys and interviews a participant (or applicant) was invited to, newest first.
SELECT s.survey_id AS survey_id, s.kind AS kind, s.title_ja AS title_ja, s.title_en AS title_en,
  s.intro_ja AS intro_ja, s.intro_en AS intro_en, s.questions AS questions, s.interview_at AS interview_at,
  s.interview_place AS interview_place, s.deadline AS deadline, s.created_at AS created_at,
  s.created_by AS created_by
FROM surveys AS s
WHERE s.survey_id IN (
  SELECT survey_id FROM survey_invitations WHERE participant_id IN {participantIds:Array(UUID)}
)
ORDER BY s.created_at DESC
LIMIT {limit:UInt32}
