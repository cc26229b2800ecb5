-- Terms art. 15: every operator access to a participant's data, with its purpose. Keyed by
-- participant, so the participant reads its own rows and deletion per participant is one operation.
CREATE TABLE IF NOT EXISTS data_access_log (
  participant_id UUID,
  at DateTime64(3, 'UTC'),
  account_id UUID,
  login_name String,
  display_name String,
  purpose LowCardinality(String),
  purpose_note String,
  route LowCardinality(String),
  what String,
  target String,
  ip String
) ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (participant_id, at)
-- cluster-sharding-key: cityHash64(participant_id)
