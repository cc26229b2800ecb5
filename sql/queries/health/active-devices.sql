SELECT device_id, hostname FROM devices_current WHERE participant_id = {participant:UUID} AND status = 'active' ORDER BY hostname
