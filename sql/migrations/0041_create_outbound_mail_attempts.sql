-- Each attempt to hand an outbox mail to the relay: sent, failed (retryable or permanent) or
-- not_configured (no relay yet; sent when one is configured).
CREATE TABLE IF NOT EXISTS outbound_mail_attempts (
  mail_id UUID,
  attempted_at DateTime64(3, 'UTC'),
  outcome LowCardinality(String),
  response String
) ENGINE = MergeTree
ORDER BY (mail_id, attempted_at)
-- cluster-sharding-key: cityHash64(mail_id)
