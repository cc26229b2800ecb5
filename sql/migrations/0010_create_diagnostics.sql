-- Stored data: diagnostic bundles an agent sent in answer to a request_diagnostics command.
CREATE TABLE IF NOT EXISTS diagnostics (
  participant_id UUID,
  device_id UUID,
  request_id String,
  received_at DateTime64(3, 'UTC'),
  content String CODEC(ZSTD(3))
) ENGINE = ReplacingMergeTree
ORDER BY (participant_id, device_id, request_id)
-- cluster-sharding-key: cityHash64(device_id)
