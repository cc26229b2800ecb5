-- Terms art. 16: the deletion of one participant's data, as a log of steps. The first row of a run
-- ('started') is written before anything is deleted and keeps what the certificate needs afterwards:
-- the organisation, its registered address, the deadline and how it was set, and the row counts per
-- table before deletion. A run killed half-way is found here and finished by the next run. These rows
-- are what remains (with the certificate) to prove the deletion: docs/data-deletion.md.
CREATE TABLE IF NOT EXISTS deletion_runs (
  run_id UUID,
  participant_id UUID,
  step Enum8('started' = 1, 'table_deleted' = 2, 'files_deleted' = 3, 'verification_failed' = 4, 'verified' = 5, 'certified' = 6, 'failed' = 7),
  table_name String,
  organisation String,
  contact_email String,
  deadline Date,
  deadline_basis LowCardinality(String),
  agreed_with String,
  agreed_at Nullable(DateTime64(3, 'UTC')),
  counts Map(String, UInt64),
  files UInt64,
  detail String,
  at DateTime64(6, 'UTC'),
  by String
) ENGINE = MergeTree
ORDER BY (participant_id, run_id, at)
-- cluster-sharding-key: cityHash64(participant_id)
