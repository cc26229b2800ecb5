-- Generated data (生成等データ): what was said on a ticket, immutable. kind: participant_message,
-- operator_reply, internal_note (operators only), phone_call, diagnostics_answer. An operator reply
-- keeps the evidence it carried and each evidence's SHA-256 as it was when the reply was sent.
CREATE TABLE IF NOT EXISTS ticket_messages (
  message_id UUID,
  ticket_id UUID,
  participant_id UUID,
  kind LowCardinality(String),
  via LowCardinality(String),
  author_account_id String,
  author_name String,
  body String CODEC(ZSTD(3)),
  created_at DateTime64(3, 'UTC'),
  phone_caller String,
  phone_called_at Nullable(DateTime64(3, 'UTC')),
  phone_duration_minutes UInt32,
  attachment_ids Array(UUID),
  evidence_ids Array(UUID),
  evidence_sha256 Array(String),
  diagnostics_request_id String,
  mail_message_id String,
  inbound_mail_id String
) ENGINE = MergeTree
ORDER BY (participant_id, ticket_id, created_at, message_id)
SETTINGS non_replicated_deduplication_window = 100000, replicated_deduplication_window = 100000
-- cluster-sharding-key: cityHash64(participant_id)
