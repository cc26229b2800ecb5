SELECT
  secret_id,
  argMax(participant_id, changed_at) AS participant_id,
  argMax(secret_hash, changed_at) AS secret_hash,
  argMax(label, changed_at) AS label,
  argMax(expires_at, changed_at) AS expires_at,
  argMax(status, changed_at) AS status
FROM enrollment_secrets
WHERE secret_id IN (SELECT secret_id FROM enrollment_secrets WHERE participant_id = {participantId:UUID})
GROUP BY secret_id
HAVING status = 'active'
