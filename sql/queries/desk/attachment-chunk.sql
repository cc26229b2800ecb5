-- One piece of a stored file, in order (desk/attachment-chunks.ts reads them one at a time).
SELECT content
FROM ticket_attachment_chunks
WHERE participant_id = {participantId:UUID} AND ticket_id = {ticketId:UUID} AND attachment_id = {attachmentId:UUID}
  AND chunk_no = {chunkNo:UInt32}
LIMIT 1
