-- The mail sent (or still to send) about a ticket and the last attempt's outcome.
SELECT o.mail_id AS mail_id, o.kind AS kind, o.message_id AS message_id, o.recipients AS recipients, o.subject AS subject,
  o.created_at AS created_at, a.last_outcome AS last_outcome, a.last_response AS last_response
FROM (SELECT * FROM outbound_mail WHERE ticket_id = {ticketId:UUID} AND participant_id = {participantId:UUID} LIMIT 1 BY mail_id) AS o
LEFT JOIN
(
  SELECT mail_id, argMax(outcome, attempted_at) AS last_outcome, argMax(response, attempted_at) AS last_response
  FROM outbound_mail_attempts
  GROUP BY mail_id
) AS a ON a.mail_id = o.mail_id
ORDER BY o.created_at
