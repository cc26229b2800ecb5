SELECT filename, content_type, sha256, content
FROM participant_documents
WHERE participant_id IN {participantIds:Array(UUID)} AND document_id = {documentId:UUID}
LIMIT 1
