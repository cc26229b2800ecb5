-- A ticket's messages in the order they were made.
SELECT message_id, kind, via, author_account_id, author_name, body, created_at, phone_caller, phone_called_at,
  phone_duration_minutes, attachment_ids, evidence_ids, evidence_sha256, diagnostics_request_id, mail_message_id, mail_authentication
FROM ticket_messages
WHERE ticket_id = {ticketId:UUID} AND participant_id = {participantId:UUID}
ORDER BY created_at, message_id
LIMIT 1 BY message_id
