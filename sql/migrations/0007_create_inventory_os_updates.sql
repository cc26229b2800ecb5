-- Stored data: OS update history (KB numbers on Windows, packages on Linux). An update's row is
-- keyed by its id and status, so re-reporting the same history collapses.
CREATE TABLE IF NOT EXISTS inventory_os_updates (
  participant_id UUID,
  device_id UUID,
  update_id String,
  status Enum8('installed' = 1, 'failed' = 2, 'pending' = 3, 'uninstalled' = 4),
  title String,
  kind LowCardinality(String),
  installed_at Nullable(DateTime64(3, 'UTC')),
  collected_at DateTime64(3, 'UTC'),
  received_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(collected_at)
ORDER BY (participant_id, device_id, update_id, status)
-- cluster-sharding-key: cityHash64(device_id)
