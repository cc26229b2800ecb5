-- Documents filed by or about a participant (e.g. the papers proving a succession, art. 4).
-- The bytes live here with their SHA-256, so the record cannot drift from what was filed.
CREATE TABLE IF NOT EXISTS participant_documents (
  document_id UUID,
  participant_id UUID,
  subject LowCardinality(String),
  subject_id String,
  filename String,
  content_type LowCardinality(String),
  size_bytes UInt64,
  sha256 FixedString(64),
  content String CODEC(ZSTD(3)),
  uploaded_at DateTime64(3, 'UTC'),
  uploaded_by String
) ENGINE = MergeTree
ORDER BY (participant_id, uploaded_at, document_id)
-- cluster-sharding-key: cityHash64(participant_id)
