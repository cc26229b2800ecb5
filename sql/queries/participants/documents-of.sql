SELECT document_id, participant_id, subject, subject_id, filename, content_type, size_bytes, sha256, uploaded_at, uploaded_by
FROM participant_documents
WHERE participant_id IN {participantIds:Array(UUID)}
ORDER BY uploaded_at
