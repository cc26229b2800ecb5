-- The highest seq stored per device, kept by a materialized view over events (0061). The gateway's
-- first-write-wins check (ingest/first-write-guard.ts) reads it once per device: an event whose seq is
-- above it cannot be a re-send, so only events at or below it are looked up in events.
CREATE TABLE IF NOT EXISTS device_seq (
  participant_id UUID,
  device_id UUID,
  max_seq SimpleAggregateFunction(max, UInt64)
) ENGINE = AggregatingMergeTree
ORDER BY (participant_id, device_id)
-- cluster-sharding-key: cityHash64(device_id)
