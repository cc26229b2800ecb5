-- The highest seq stored for each of some devices (first-write-wins check): a device with none stored is absent.
-- The devices asked for together (ingest/batched-lookups.ts). A device id is one device's, whatever its participant;
-- device_seq holds about one row per device once merged, so reading it by device id alone is cheap.
SELECT device_id, max(max_seq) AS max_seq
FROM device_seq
WHERE device_id IN {deviceIds:Array(UUID)}
GROUP BY device_id
