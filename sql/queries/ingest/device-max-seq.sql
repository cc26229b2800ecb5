-- The highest seq stored for each of some devices (first-write-wins check): a device with none stored is absent.
-- The devices asked for together (ingest/batched-lookups.ts); participant_id narrows the sort key's ranges.
SELECT device_id, max(max_seq) AS max_seq
FROM device_seq
WHERE participant_id IN {participantIds:Array(UUID)} AND device_id IN {deviceIds:Array(UUID)}
GROUP BY device_id
