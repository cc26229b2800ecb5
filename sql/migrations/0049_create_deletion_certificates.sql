-- The deletion certificate (削除証明書) of a run: the canonical JSON, its SHA-256, and the PDF (base64)
-- rendered from it. Kept after the participant's data is gone: it is the proof the participant was sent.
-- One certificate per run: written with insert_deduplication_token "deletion_certificates:<run_id>".
CREATE TABLE IF NOT EXISTS deletion_certificates (
  certificate_id UUID,
  run_id UUID,
  participant_id UUID,
  issued_at DateTime64(3, 'UTC'),
  json String CODEC(ZSTD(3)),
  sha256 FixedString(64),
  pdf String CODEC(ZSTD(3)),
  mail_id Nullable(UUID)
) ENGINE = MergeTree
ORDER BY (participant_id, run_id)
SETTINGS non_replicated_deduplication_window = 1000, replicated_deduplication_window = 1000
-- cluster-sharding-key: cityHash64(participant_id)
