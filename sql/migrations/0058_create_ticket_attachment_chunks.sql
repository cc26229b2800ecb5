-- The bytes of ticket attachments in pieces of at most 1 MiB (base64, as the JSON insert carries them), so
-- that storing and serving a file needs one piece in memory at a time (desk/attachment-chunks.ts). Kept in
-- ClickHouse, not on a gateway's disk: gateways stay stateless, backups and the art. 16 deletion cover them.
CREATE TABLE IF NOT EXISTS ticket_attachment_chunks (
  participant_id UUID,
  ticket_id UUID,
  attachment_id UUID,
  chunk_no UInt32,
  content String CODEC(ZSTD(3))
) ENGINE = MergeTree
ORDER BY (participant_id, ticket_id, attachment_id, chunk_no)
-- cluster-sharding-key: cityHash64(participant_id)
