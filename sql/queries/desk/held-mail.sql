-- Mail that was held for an operator (unknown sender, auto-reply, …), newest first, with why it was held
-- and what became of it since (still held, assigned to a ticket, or dismissed).
SELECT m.mail_id AS mail_id, m.received_at AS received_at, m.from_address AS from_address, m.subject AS subject,
  m.text_excerpt AS text_excerpt, m.authentication AS authentication, d.disposition AS disposition, d.held_reason AS reason, d.last_reason AS last_reason, d.ticket_id AS ticket_id,
  d.participant_id AS participant_id
FROM inbound_mail AS m
INNER JOIN
(
  SELECT x.mail_id AS mail_id, argMax(x.disposition, x.decided_at) AS disposition, argMin(x.disposition, x.decided_at) AS first_disposition,
    argMin(x.reason, x.decided_at) AS held_reason, argMax(x.reason, x.decided_at) AS last_reason,
    argMax(tuple(x.ticket_id), x.decided_at).1 AS ticket_id, argMax(tuple(x.participant_id), x.decided_at).1 AS participant_id
  FROM inbound_mail_dispositions AS x
  GROUP BY x.mail_id
) AS d ON d.mail_id = m.mail_id
WHERE d.first_disposition = 'held'
  AND d.disposition IN {dispositions:Array(String)}
  AND (isNull({mailId:Nullable(UUID)}) OR m.mail_id = {mailId:Nullable(UUID)})
ORDER BY m.received_at DESC
LIMIT {limit:UInt32}
