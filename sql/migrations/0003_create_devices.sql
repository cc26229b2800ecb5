-- Enrolled devices and their credential state, one row per change; current state by argMax(…, changed_at).
CREATE TABLE IF NOT EXISTS devices (
  device_id UUID,
  participant_id UUID,
  instance_id String,
  hostname String,
  os_name LowCardinality(String),
  os_version LowCardinality(String),
  agent_version LowCardinality(String),
  credential_hash FixedString(64),
  status Enum8('active' = 1, 'revoked' = 2),
  status_reason String,
  enrolled_at DateTime64(3, 'UTC'),
  changed_at DateTime64(6, 'UTC'),
  changed_by LowCardinality(String)
) ENGINE = MergeTree
ORDER BY (device_id, changed_at)
-- cluster-sharding-key: cityHash64(device_id)
