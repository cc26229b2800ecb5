-- Each channel's delivery of a notice to one recipient, appended as it changes: pending (queued for
-- the relay, printed but not arrived), delivered with the time it is deemed delivered (art. 21), or
-- undelivered (bounced, refused, no relay). The latest row per (notice, recipient, channel) holds.
CREATE TABLE IF NOT EXISTS notice_deliveries (
  notice_id UUID,
  participant_id Nullable(UUID),
  channel LowCardinality(String),
  state Enum8('pending' = 1, 'delivered' = 2, 'undelivered' = 3),
  deemed_delivered_at Nullable(DateTime64(3, 'UTC')),
  mail_id String DEFAULT '',
  detail String DEFAULT '',
  recorded_at DateTime64(3, 'UTC')
) ENGINE = MergeTree
ORDER BY (notice_id, recorded_at)
-- cluster-sharding-key: cityHash64(notice_id)
