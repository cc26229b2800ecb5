-- Activity per device and hour, kept by a materialized view over events (0028): the fleet overview and
-- "last seen" read this small table instead of scanning events. Counts include re-sent copies of a
-- batch until they merge away in events; last seen is exact.
CREATE TABLE IF NOT EXISTS device_hourly (
  participant_id UUID,
  device_id UUID,
  hour DateTime('UTC'),
  events SimpleAggregateFunction(sum, UInt64),
  last_received SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
  last_event_time SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (participant_id, device_id, hour)
-- cluster-sharding-key: cityHash64(device_id)
