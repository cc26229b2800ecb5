-- What the gateway refused from an authenticated device, with the raw payload and the reason,
-- so nothing bad is dropped silently. event_index is -1 when the whole message was refused.
CREATE TABLE IF NOT EXISTS rejected_messages (
  participant_id UUID,
  device_id UUID,
  received_at DateTime64(3, 'UTC'),
  transport LowCardinality(String),
  message_type LowCardinality(String),
  batch_id String,
  event_index Int32,
  code LowCardinality(String),
  field String,
  reason String,
  raw String CODEC(ZSTD(3)),
  raw_bytes UInt64,
  raw_truncated UInt8
) ENGINE = MergeTree
PARTITION BY toYYYYMM(received_at)
ORDER BY (participant_id, received_at, device_id)
-- cluster-sharding-key: cityHash64(device_id)
