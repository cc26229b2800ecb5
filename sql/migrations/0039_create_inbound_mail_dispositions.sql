-- What became of each inbound mail, one row per decision: ticket_opened, ticket_updated, held (with the
-- reason), assigned (an operator put a held mail on a ticket) or dismissed (kept, not acted on).
CREATE TABLE IF NOT EXISTS inbound_mail_dispositions (
  mail_id UUID,
  disposition LowCardinality(String),
  reason String,
  participant_id Nullable(UUID),
  ticket_id Nullable(UUID),
  decided_at DateTime64(6, 'UTC'),
  decided_by String
) ENGINE = MergeTree
ORDER BY (mail_id, decided_at)
-- cluster-sharding-key: cityHash64(mail_id)
