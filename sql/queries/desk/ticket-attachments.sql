-- The files of a ticket, without their bytes.
SELECT attachment_id, message_id, filename, content_type, size_bytes, sha256, uploaded_at
FROM ticket_attachments
WHERE ticket_id = {ticketId:UUID} AND participant_id = {participantId:UUID}
ORDER BY uploaded_at, attachment_id
LIMIT 1 BY attachment_id
