-- Lists as data (issue 22 item 8): known-bad domains, approved USB serials, approved software …, edited by
-- operators and read by policies and detection rules through the scoped table p_lists
-- (health/policy-scope.ts). participant_id is the zero UUID for an entry that applies to every
-- participant, or the participant an entry is for (its approved USB serials). One row per change; the
-- current entry is the newest (ReplacingMergeTree on changed_at), removed = 1 once taken off.
CREATE TABLE IF NOT EXISTS list_entries (
  list_name LowCardinality(String),
  participant_id UUID,
  value String,
  note String,
  removed UInt8,
  changed_at DateTime64(3, 'UTC'),
  changed_by String
) ENGINE = ReplacingMergeTree(changed_at)
ORDER BY (list_name, participant_id, value)
-- cluster-sharding-key: cityHash64(list_name)
