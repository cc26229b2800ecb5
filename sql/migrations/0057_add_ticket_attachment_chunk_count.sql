-- Attachments received after this migration keep their bytes in `ticket_attachment_chunks` (1 MiB pieces,
-- written as the upload is read from disk), not in `content`: no file is ever held whole in memory.
-- Older rows have chunk_count 0 and keep their base64 `content`.
ALTER TABLE ticket_attachments
  ADD COLUMN IF NOT EXISTS chunk_count UInt32 DEFAULT 0
