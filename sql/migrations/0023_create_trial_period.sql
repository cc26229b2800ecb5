-- Terms art. 1, 19: the trial's period, which can move; one row per change, latest wins.
CREATE TABLE IF NOT EXISTS trial_period (
  starts_on Date,
  ends_on Nullable(Date),
  note String,
  changed_at DateTime64(6, 'UTC'),
  changed_by String
) ENGINE = MergeTree
ORDER BY changed_at
-- cluster-sharding-key: cityHash64(changed_at)
