-- Surveys and interviews of the trial (terms art. 3 (3)(5), 23 (2)): what the desk asks, in both
-- languages, with a deadline. The design is the same for every recipient and holds no participant's data;
-- whom it was sent to is in survey_invitations, the answers in survey_answers (kept apart from the
-- service data, art. 23 (2)).
CREATE TABLE IF NOT EXISTS surveys (
  survey_id UUID,
  kind Enum8('survey' = 1, 'interview' = 2),
  title_ja String,
  title_en String,
  intro_ja String,
  intro_en String,
  questions String,
  interview_at Nullable(DateTime64(3, 'UTC')),
  interview_place String,
  deadline DateTime64(3, 'UTC'),
  created_at DateTime64(3, 'UTC'),
  created_by String
) ENGINE = MergeTree
ORDER BY (created_at, survey_id)
-- cluster-sharding-key: cityHash64(survey_id)
