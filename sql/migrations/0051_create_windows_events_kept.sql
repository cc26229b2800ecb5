-- Stored data (保存データ): what an OpenTelemetry Collector sent that is not one of the eight categories
-- of art. 11 — a Windows event the mapping does not know (reason 'unknown'), one it keeps outside the
-- categories (Defender 1116/1117: 'outside_categories'), an instance a rule does not cover (4663 on a
-- registry key: 'not_covered'), or a log record that is not a Windows event ('not_windows'). Kept with
-- channel, provider, event id and the body so nothing the Collector sends is lost without a trace.
-- Its own table rather than a ninth category in events: events.category is the terms' eight, which
-- every report, policy and the protocol schema enumerate, and these rows have none of their fields.
-- record_key is the same 53-bit hash the gateway uses as seq for mapped events (channel + record id),
-- so a re-sent record collapses under ReplacingMergeTree and reads with FINAL see it once.
CREATE TABLE IF NOT EXISTS windows_events_kept (
  participant_id UUID,
  device_id UUID,
  time DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
  received_at DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
  record_key UInt64,
  reason LowCardinality(String),
  channel LowCardinality(String),
  provider LowCardinality(String),
  event_id UInt32,
  record_id UInt64,
  computer LowCardinality(String),
  message String CODEC(ZSTD(3)),
  event_data Map(String, String) CODEC(ZSTD(3)),
  attributes Map(LowCardinality(String), String),
  body String CODEC(ZSTD(3)),
  body_truncated UInt8
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(time)
ORDER BY (participant_id, toStartOfHour(time), device_id, time, record_key)
-- cluster-sharding-key: cityHash64(device_id)
