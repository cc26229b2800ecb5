-- A device's OS update history (latest report of each update).
SELECT update_id, title, kind, toString(status) AS status, installed_at
FROM inventory_os_updates FINAL
WHERE participant_id IN {scope:Array(UUID)} AND device_id = {device:UUID}
ORDER BY installed_at DESC NULLS LAST, update_id
