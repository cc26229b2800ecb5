SELECT survey_id, kind, title_ja, title_en, intro_ja, intro_en, questions, interview_at, interview_place,
  deadline, created_at, created_by
FROM surveys
ORDER BY created_at DESC
LIMIT {limit:UInt32}
