-- Who was asked to answer a survey or attend an interview, and the notice that asked it (art. 21).
CREATE TABLE IF NOT EXISTS survey_invitations (
  survey_id UUID,
  participant_id UUID,
  notice_id UUID,
  invited_at DateTime64(3, 'UTC')
) ENGINE = MergeTree
ORDER BY (participant_id, survey_id)
-- cluster-sharding-key: cityHash64(participant_id)
