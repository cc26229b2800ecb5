-- The highest seq stored for one device (first-write-wins check); c = 0 when it has none.
SELECT max(max_seq) AS max_seq, count() AS c
FROM device_seq
WHERE participant_id = {participantId:UUID} AND device_id = {deviceId:UUID}
