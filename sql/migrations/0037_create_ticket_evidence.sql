-- Evidence (生成等データ): a saved, parameterised log query over the participant's own data (query text,
-- range, optional device) and an immutable snapshot of the rows it returned, as canonical JSON with a
-- SHA-256 over the whole record (desk/evidence-snapshot.ts). Rows are never updated: a recomputed hash
-- that differs from sha256 shows that someone altered the snapshot.
CREATE TABLE IF NOT EXISTS ticket_evidence (
  evidence_id UUID,
  ticket_id UUID,
  participant_id UUID,
  query String,
  range_from DateTime64(3, 'UTC'),
  range_to DateTime64(3, 'UTC'),
  device_id String,
  columns Array(String),
  rows_json String CODEC(ZSTD(3)),
  row_count UInt32,
  sha256 FixedString(64),
  created_at DateTime64(3, 'UTC'),
  created_by String
) ENGINE = MergeTree
ORDER BY (participant_id, ticket_id, evidence_id)
-- cluster-sharding-key: cityHash64(participant_id)
