-- A participant's or applicant's answer to a survey or interview invitation, or its refusal (art. 3
-- (3)(5): a ground to reject an application). Kept apart from the service data and used only as art. 23
-- (2) says; one response per recipient and survey (the first one written counts).
CREATE TABLE IF NOT EXISTS survey_answers (
  survey_id UUID,
  participant_id UUID,
  response Enum8('answered' = 1, 'refused' = 2),
  answers String,
  comment String,
  answered_by String,
  answered_at DateTime64(3, 'UTC')
) ENGINE = MergeTree
ORDER BY (participant_id, survey_id, answered_at)
-- cluster-sharding-key: cityHash64(participant_id)
