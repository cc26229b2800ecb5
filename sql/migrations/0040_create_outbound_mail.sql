-- The desk's outbox: every mail Yorozu means to send (replies, status changes, acknowledgements, SLA
-- alerts), written before it is sent; mail_id is derived from what the mail is about, so that a retried
-- request or job cannot queue it twice.
CREATE TABLE IF NOT EXISTS outbound_mail (
  mail_id UUID,
  participant_id UUID,
  ticket_id UUID,
  kind LowCardinality(String),
  message_id String,
  in_reply_to String,
  reference_ids Array(String),
  recipients Array(String),
  subject String,
  text String CODEC(ZSTD(3)),
  created_at DateTime64(3, 'UTC')
) ENGINE = MergeTree
ORDER BY (participant_id, ticket_id, created_at, mail_id)
SETTINGS non_replicated_deduplication_window = 100000, replicated_deduplication_window = 100000
-- cluster-sharding-key: cityHash64(participant_id)
