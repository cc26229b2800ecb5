SELECT *
FROM devices_current
WHERE device_id = {deviceId:UUID}
