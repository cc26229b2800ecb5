-- When a session last answered a request (written at most once a minute per session and gateway): the
-- idle timeout (YOROZU_IDLE_MINUTES_OPERATOR / _PARTICIPANT) counts from the latest, or from the sign-in.
CREATE TABLE IF NOT EXISTS session_activity (
  session_hash FixedString(64),
  -- The account's id: a participant's deletion reaches these rows through its accounts (retention/).
  account_id UUID,
  seen_at DateTime64(3, 'UTC')
) ENGINE = MergeTree
ORDER BY (session_hash, seen_at)
TTL toDateTime(seen_at) + INTERVAL 31 DAY
-- cluster-sharding-key: cityHash64(session_hash)
