-- The software of a device's latest snapshot.
SELECT name, version, publisher, installed_at
FROM inventory_software FINAL
WHERE participant_id IN {scope:Array(UUID)} AND device_id = {device:UUID}
  AND collected_at = (SELECT max(collected_at) FROM inventory_software WHERE participant_id IN {scope:Array(UUID)} AND device_id = {device:UUID})
ORDER BY lower(name)
