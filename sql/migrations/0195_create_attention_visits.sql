-- When each operator account last opened the attention queue (issue 23): items detected after the previous
-- visit are "new since the last visit". Kept on the server per account, not per browser, so an operator sees
-- the same marks on any machine and one operator's visit leaves another's marks alone. No participant data:
-- an account id and a time. One row per visit; the newest wins (ReplacingMergeTree on seen_at).
CREATE TABLE IF NOT EXISTS attention_visits (
  account_id UUID,
  seen_at DateTime64(6, 'UTC')
) ENGINE = ReplacingMergeTree(seen_at)
ORDER BY account_id
-- cluster-sharding-key: cityHash64(account_id)
