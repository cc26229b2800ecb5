-- Terms art. 4: a participant's status passes to a successor on a merger or split. The successor
-- sees the predecessor's data through this record; devices move to the successor.
CREATE TABLE IF NOT EXISTS successions (
  succession_id UUID,
  predecessor_id UUID,
  successor_id UUID,
  kind Enum8('merger' = 1, 'split' = 2),
  effective_on Date,
  note String,
  recorded_at DateTime64(3, 'UTC'),
  recorded_by String
) ENGINE = MergeTree
ORDER BY (successor_id, recorded_at)
-- cluster-sharding-key: cityHash64(successor_id)
