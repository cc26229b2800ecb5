SELECT
  argMax(outcome, attempted_at) AS last_outcome,
  max(attempted_at) AS last_at,
  argMax(response, attempted_at) AS last_response,
  count() AS attempts
FROM outbound_mail_attempts
WHERE mail_id = {mailId:UUID}
