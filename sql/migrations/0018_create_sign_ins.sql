-- Every sign-in attempt (terms art. 20: the owner sees its sign-in history). Lockout is derived
-- from the recent failures here, so it holds across processes without a counter to update.
CREATE TABLE IF NOT EXISTS sign_ins (
  account_id UUID,
  login_name String,
  at DateTime64(3, 'UTC'),
  ip String,
  user_agent String,
  result Enum8('success' = 1, 'wrong_password' = 2, 'unknown_login' = 3, 'locked' = 4, 'suspended' = 5, 'participant_inactive' = 6)
) ENGINE = MergeTree
ORDER BY (account_id, at)
-- cluster-sharding-key: cityHash64(account_id)
