SELECT
  session_hash,
  argMax(status, changed_at) AS status,
  argMax(created_at, changed_at) AS created_at,
  argMax(expires_at, changed_at) AS expires_at,
  argMax(ip, changed_at) AS ip,
  argMax(user_agent, changed_at) AS user_agent,
  argMax(access_purpose, changed_at) AS access_purpose
FROM sessions
WHERE account_id = {accountId:UUID}
GROUP BY session_hash
HAVING status = 'active' AND expires_at > now64(3)
ORDER BY created_at DESC
