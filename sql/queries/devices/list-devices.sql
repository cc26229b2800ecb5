SELECT
  device_id, participant_id, hostname, os_name, os_version, agent_version,
  status, status_reason, uninstall_requested, enrolled_at, last_changed_at
FROM devices_current
WHERE {participantId:Nullable(UUID)} IS NULL OR participant_id = {participantId:Nullable(UUID)}
ORDER BY participant_id, hostname
