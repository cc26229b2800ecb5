-- The evidence captured on a ticket (the snapshot rows included when asked for one).
SELECT evidence_id, query, range_from, range_to, device_id, columns, row_count, sha256, created_at, created_by,
  if({withRows:Bool}, rows_json, '') AS rows_json, mark_query, marked_rows
FROM ticket_evidence
WHERE ticket_id = {ticketId:UUID} AND participant_id = {participantId:UUID}
  AND (empty({evidenceIds:Array(UUID)}) OR evidence_id IN {evidenceIds:Array(UUID)})
ORDER BY created_at, evidence_id
LIMIT 1 BY evidence_id
