-- Stored data: installed software, one row per package per snapshot.
CREATE TABLE IF NOT EXISTS inventory_software (
  participant_id UUID,
  device_id UUID,
  collected_at DateTime64(3, 'UTC'),
  received_at DateTime64(3, 'UTC'),
  name String,
  version String,
  publisher LowCardinality(String),
  source LowCardinality(String),
  architecture LowCardinality(String),
  installed_at Nullable(DateTime64(3, 'UTC'))
) ENGINE = ReplacingMergeTree
ORDER BY (participant_id, device_id, collected_at, name, version)
-- cluster-sharding-key: cityHash64(device_id)
