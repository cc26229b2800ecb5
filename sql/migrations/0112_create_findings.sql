-- Generated data (生成等データ): what a detection rule found on one device of a participant. finding_id is
-- a hash of participant, rule, device and user, so an ongoing problem stays one finding whose count and
-- last_seen grow over runs (a row per run; the newest updated_at is current). event_keys are the keys of
-- the matching rows (events.seq, or windows_events_kept.record_key when source is windows_kept).
CREATE TABLE IF NOT EXISTS findings (
  participant_id UUID,
  finding_id String,
  rule_id String,
  rule_title String,
  level LowCardinality(String),
  techniques Array(LowCardinality(String)),
  device_id UUID,
  user_name String,
  first_seen DateTime64(3, 'UTC'),
  last_seen DateTime64(3, 'UTC'),
  event_count UInt64,
  event_source LowCardinality(String),
  event_keys Array(UInt64),
  detected_at DateTime64(3, 'UTC'),
  updated_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (participant_id, finding_id)
-- cluster-sharding-key: cityHash64(participant_id)
