SELECT *
FROM devices_current
WHERE device_id IN {deviceIds:Array(UUID)}
