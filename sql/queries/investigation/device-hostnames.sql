-- Host names of some devices (an aggregate grouped by device shows names, not ids).
SELECT device_id, hostname FROM devices_current WHERE device_id IN {devices:Array(UUID)}
