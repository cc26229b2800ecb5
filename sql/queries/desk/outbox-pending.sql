-- Outbox mail not yet sent whose last attempt may be retried, oldest first, with how often it was tried.
SELECT o.mail_id AS mail_id, o.participant_id AS participant_id, o.ticket_id AS ticket_id, o.kind AS kind,
  o.message_id AS message_id, o.in_reply_to AS in_reply_to, o.reference_ids AS reference_ids, o.recipients AS recipients,
  o.subject AS subject, o.text AS text, o.attachments AS attachments, o.created_at AS created_at, a.attempts AS attempts
FROM (SELECT * FROM outbound_mail LIMIT 1 BY mail_id) AS o
LEFT JOIN
(
  SELECT mail_id, count() AS attempts, argMax(outcome, attempted_at) AS last_outcome
  FROM outbound_mail_attempts
  GROUP BY mail_id
) AS a ON a.mail_id = o.mail_id
WHERE (a.attempts = 0 OR a.last_outcome IN ('failed_retryable', 'not_configured'))
  AND a.attempts < {maxAttempts:UInt32}
  AND (isNull({mailId:Nullable(UUID)}) OR o.mail_id = {mailId:Nullable(UUID)})
ORDER BY o.created_at
LIMIT {limit:UInt32}
