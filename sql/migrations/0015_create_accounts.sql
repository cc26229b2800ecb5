-- Operator and participant-user accounts, one row per version. account_id is derived from the
-- normalised login name, and version 1 is written with insert_deduplication_token
-- "accounts:<id>:1": two requests creating the same login name at once produce one account.
CREATE TABLE IF NOT EXISTS accounts (
  account_id UUID,
  version UInt32,
  write_id UUID,
  login_name String,
  display_name String,
  email String,
  role Enum8('operator' = 1, 'participant_user' = 2),
  participant_id Nullable(UUID),
  password_hash String,
  must_change_password Bool,
  status Enum8('active' = 1, 'suspended' = 2),
  status_reason String,
  pending_suspension_at Nullable(DateTime64(3, 'UTC')),
  pending_suspension_reason String,
  change_kind LowCardinality(String),
  changed_at DateTime64(6, 'UTC'),
  changed_by String
) ENGINE = MergeTree
ORDER BY (account_id, version, changed_at)
SETTINGS non_replicated_deduplication_window = 100000, replicated_deduplication_window = 100000
-- cluster-sharding-key: cityHash64(account_id)
