-- Participants (参加者) as an append-only log of versions; the current row is argMax(…, changed_at).
-- The participants issue extends this table with the lifecycle columns.
CREATE TABLE IF NOT EXISTS participants (
  participant_id UUID,
  name String,
  changed_at DateTime64(6, 'UTC'),
  changed_by LowCardinality(String)
) ENGINE = MergeTree
ORDER BY (participant_id, changed_at)
-- cluster-sharding-key: cityHash64(participant_id)
