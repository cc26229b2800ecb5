-- Generated data (生成等データ): the triage history of findings and of the queue's policy failures
-- (item_id is a finding_id or 'policy:<policy_id>:<device_id>'). One row per change, never updated:
-- the current state is the newest row. state: new, acknowledged, sent, resolved, false_positive.
CREATE TABLE IF NOT EXISTS finding_triage (
  participant_id UUID,
  item_id String,
  state LowCardinality(String),
  reason String,
  message_ja String,
  ticket_id String,
  changed_at DateTime64(3, 'UTC'),
  changed_by String
) ENGINE = MergeTree
ORDER BY (participant_id, item_id, changed_at)
-- cluster-sharding-key: cityHash64(participant_id)
