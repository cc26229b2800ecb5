-- A participant's enrollment secrets; only the SHA-256 of the secret is stored.
CREATE TABLE IF NOT EXISTS enrollment_secrets (
  secret_id UUID,
  participant_id UUID,
  secret_hash FixedString(64),
  label String,
  status Enum8('active' = 1, 'revoked' = 2),
  expires_at Nullable(DateTime64(3, 'UTC')),
  changed_at DateTime64(6, 'UTC'),
  changed_by LowCardinality(String)
) ENGINE = MergeTree
ORDER BY (secret_id, changed_at)
-- cluster-sharding-key: cityHash64(secret_id)
