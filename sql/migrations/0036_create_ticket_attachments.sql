-- Files attached to a ticket's messages (portal uploads, mail attachments, diagnostics answers), with
-- their SHA-256 so that what is served is what was filed.
CREATE TABLE IF NOT EXISTS ticket_attachments (
  attachment_id UUID,
  ticket_id UUID,
  participant_id UUID,
  message_id UUID,
  filename String,
  content_type LowCardinality(String),
  size_bytes UInt64,
  sha256 FixedString(64),
  content String CODEC(ZSTD(3)),
  uploaded_at DateTime64(3, 'UTC'),
  uploaded_by String
) ENGINE = MergeTree
ORDER BY (participant_id, ticket_id, attachment_id)
-- cluster-sharding-key: cityHash64(participant_id)
