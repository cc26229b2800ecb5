-- Each device's latest hardware snapshot (summarised by the caller).
SELECT device_id, argMax(hostname, collected_at) AS hostname, argMax(os_name, collected_at) AS os_name, argMax(os_version, collected_at) AS os_version,
  argMax(manufacturer, collected_at) AS manufacturer, argMax(model, collected_at) AS model, argMax(memory_bytes, collected_at) AS memory_bytes,
  argMax(disk_total_bytes, collected_at) AS disk_total_bytes, argMax(disk_free_bytes, collected_at) AS disk_free_bytes
FROM inventory_hardware FINAL
WHERE participant_id IN {scope:Array(UUID)}
GROUP BY device_id
