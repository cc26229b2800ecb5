-- Stored data: hardware and OS snapshots, one row per snapshot; a re-sent snapshot collapses.
CREATE TABLE IF NOT EXISTS inventory_hardware (
  participant_id UUID,
  device_id UUID,
  collected_at DateTime64(3, 'UTC'),
  received_at DateTime64(3, 'UTC'),
  hostname String,
  domain_name String,
  os_name LowCardinality(String),
  os_version LowCardinality(String),
  os_build LowCardinality(String),
  os_architecture LowCardinality(String),
  manufacturer LowCardinality(String),
  model LowCardinality(String),
  serial_number String,
  bios_version LowCardinality(String),
  cpu_model LowCardinality(String),
  cpu_cores UInt16,
  memory_bytes UInt64,
  disk_total_bytes UInt64,
  disk_free_bytes UInt64,
  ip_addresses Array(String),
  mac_addresses Array(String)
) ENGINE = ReplacingMergeTree
ORDER BY (participant_id, device_id, collected_at)
-- cluster-sharding-key: cityHash64(device_id)
