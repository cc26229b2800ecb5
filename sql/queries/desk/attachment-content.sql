-- One file of a ticket, with its bytes.
SELECT attachment_id, filename, content_type, size_bytes, sha256, content
FROM ticket_attachments
WHERE ticket_id = {ticketId:UUID} AND participant_id = {participantId:UUID} AND attachment_id = {attachmentId:UUID}
LIMIT 1
