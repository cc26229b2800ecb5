-- Every mail the desk's SMTP listener accepted, stored raw before the SMTP "250" answer, so nothing is
-- lost whatever happens next. participant_id is the sender's participant when the sender is known
-- (the nil UUID when not: such mail is held for an operator).
CREATE TABLE IF NOT EXISTS inbound_mail (
  mail_id UUID,
  participant_id UUID,
  received_at DateTime64(3, 'UTC'),
  envelope_from String,
  envelope_to Array(String),
  remote_address String,
  from_address String,
  subject String,
  message_id String,
  size_bytes UInt64,
  sha256 FixedString(64),
  raw String CODEC(ZSTD(3))
) ENGINE = MergeTree
ORDER BY (participant_id, received_at, mail_id)
-- cluster-sharding-key: cityHash64(mail_id)
