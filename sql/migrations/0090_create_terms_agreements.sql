-- Who agreed to which terms version, and when (art. 2, 3): a participant's user agrees to the version
-- in force at its next sign-in after a change (or ahead, to a published coming version). An application's
-- agreement stays on the participant row (terms_version); a participant registered by an operator has none
-- until one of its users agrees here.
-- cluster-sharding-key: cityHash64(participant_id)
CREATE TABLE IF NOT EXISTS terms_agreements (
  participant_id UUID,
  version String,
  account_id UUID,
  login_name String,
  agreed_at DateTime64(3, 'UTC')
) ENGINE = MergeTree
ORDER BY (participant_id, agreed_at)
