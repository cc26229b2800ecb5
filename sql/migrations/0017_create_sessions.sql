-- Sign-in sessions. Only the SHA-256 of the session token is stored; a session is revoked by a
-- newer version with status 'revoked'. The access purpose (terms art. 15) is kept with the session.
CREATE TABLE IF NOT EXISTS sessions (
  session_hash FixedString(64),
  account_id UUID,
  status Enum8('active' = 1, 'revoked' = 2),
  created_at DateTime64(3, 'UTC'),
  expires_at DateTime64(3, 'UTC'),
  ip String,
  user_agent String,
  access_purpose LowCardinality(String),
  purpose_note String,
  changed_at DateTime64(6, 'UTC')
) ENGINE = MergeTree
ORDER BY (session_hash, changed_at)
TTL toDateTime(expires_at) + INTERVAL 30 DAY
-- cluster-sharding-key: cityHash64(session_hash)
