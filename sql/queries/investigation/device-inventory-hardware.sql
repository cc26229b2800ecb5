-- A device's latest hardware snapshot.
SELECT * EXCEPT (participant_id, received_at)
FROM inventory_hardware FINAL
WHERE participant_id IN {scope:Array(UUID)} AND device_id = {device:UUID}
ORDER BY collected_at DESC
LIMIT 1
