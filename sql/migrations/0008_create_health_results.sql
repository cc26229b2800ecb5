-- Stored data: the agent's own health-check results (inputs to the health policies).
CREATE TABLE IF NOT EXISTS health_results (
  participant_id UUID,
  device_id UUID,
  check_id LowCardinality(String),
  time DateTime64(3, 'UTC'),
  status Enum8('pass' = 1, 'fail' = 2, 'error' = 3, 'unknown' = 4),
  value String,
  detail String,
  received_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(time)
ORDER BY (participant_id, device_id, check_id, time)
-- cluster-sharding-key: cityHash64(device_id)
