-- Generated data: one row per evaluation run of a participant (what triggered it, how it went).
CREATE TABLE IF NOT EXISTS policy_evaluations (
  participant_id UUID,
  evaluation_id UUID,
  started_at DateTime64(3, 'UTC'),
  finished_at DateTime64(3, 'UTC'),
  evaluated_for DateTime64(3, 'UTC'),
  trigger LowCardinality(String),
  policies UInt32,
  devices UInt32,
  failures UInt32,
  errors Array(String)
) ENGINE = MergeTree
ORDER BY (participant_id, started_at)
-- cluster-sharding-key: cityHash64(participant_id)
