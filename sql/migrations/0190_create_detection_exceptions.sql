-- Exceptions to detection rules, per participant (issue 23): a rule silenced for one participant (field and
-- value empty), or only where a Sigma field of the rule has a value (field = 'User', value = 'svc-backup').
-- Operator-written, with the reason; the current state of an exception is its newest row (ReplacingMergeTree
-- on changed_at), removed = 1 once lifted; changed_at and changed_by say who set that state, when.
CREATE TABLE IF NOT EXISTS detection_exceptions (
  participant_id UUID,
  exception_id String,
  rule_id String,
  field String,
  value String,
  reason String,
  removed UInt8,
  changed_at DateTime64(3, 'UTC'),
  changed_by String
) ENGINE = ReplacingMergeTree(changed_at)
ORDER BY (participant_id, exception_id)
-- cluster-sharding-key: cityHash64(participant_id)
