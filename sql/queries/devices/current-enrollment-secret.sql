SELECT
  secret_id,
  argMax(participant_id, changed_at) AS participant_id,
  argMax(secret_hash, changed_at) AS secret_hash,
  argMax(status, changed_at) AS status,
  argMax(expires_at, changed_at) AS expires_at
FROM enrollment_secrets
WHERE secret_id = {secretId:UUID}
GROUP BY secret_id
