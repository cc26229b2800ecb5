SELECT
  session_hash,
  argMax(account_id, changed_at) AS account_id,
  argMax(status, changed_at) AS status,
  argMax(created_at, changed_at) AS created_at,
  argMax(expires_at, changed_at) AS expires_at,
  argMax(ip, changed_at) AS ip,
  argMax(user_agent, changed_at) AS user_agent,
  argMax(access_purpose, changed_at) AS access_purpose,
  argMax(purpose_note, changed_at) AS purpose_note,
  -- The idle timeout counts from the latest request, or from the sign-in when none has been seen.
  greatest(argMax(sessions.created_at, sessions.changed_at), (SELECT max(seen_at) FROM session_activity WHERE session_hash = {sessionHash:FixedString(64)})) AS last_active_at
FROM sessions
WHERE session_hash = {sessionHash:FixedString(64)}
GROUP BY session_hash
