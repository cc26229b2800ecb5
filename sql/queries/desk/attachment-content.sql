-- One file of a ticket: its metadata, and its bytes when they were kept in the row (before the pieces table).
SELECT attachment_id, filename, content_type, size_bytes, sha256, chunk_count, if(chunk_count > 0, '', content) AS content
FROM ticket_attachments
WHERE ticket_id = {ticketId:UUID} AND participant_id = {participantId:UUID} AND attachment_id = {attachmentId:UUID}
LIMIT 1
