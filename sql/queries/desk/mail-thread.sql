-- Every Message-ID of a ticket's mail thread (received and sent), oldest first: In-Reply-To and References.
SELECT message_id
FROM
(
  SELECT mail_message_id AS message_id, created_at AS at FROM ticket_messages
  WHERE ticket_id = {ticketId:UUID} AND participant_id = {participantId:UUID} AND mail_message_id != ''
  UNION ALL
  SELECT message_id, created_at AS at FROM outbound_mail
  WHERE ticket_id = {ticketId:UUID} AND participant_id = {participantId:UUID} AND kind != 'sla_alert'
)
ORDER BY at
