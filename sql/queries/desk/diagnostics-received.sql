-- Bundles agents sent back for these requests (stored data, written by the ingest gateway).
SELECT request_id, device_id, received_at, if({withContent:Bool}, content, '') AS content
FROM diagnostics
WHERE participant_id IN {scope:Array(UUID)} AND request_id IN {requestIds:Array(String)}
ORDER BY received_at
LIMIT 1 BY request_id
