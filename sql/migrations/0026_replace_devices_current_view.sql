-- devices_current with uninstall_requested (0025).
CREATE OR REPLACE VIEW devices_current AS
SELECT
  device_id,
  argMax(participant_id, changed_at) AS participant_id,
  argMax(instance_id, changed_at) AS instance_id,
  argMax(hostname, changed_at) AS hostname,
  argMax(os_name, changed_at) AS os_name,
  argMax(os_version, changed_at) AS os_version,
  argMax(agent_version, changed_at) AS agent_version,
  argMax(credential_hash, changed_at) AS credential_hash,
  argMax(status, changed_at) AS status,
  argMax(status_reason, changed_at) AS status_reason,
  argMax(uninstall_requested, changed_at) AS uninstall_requested,
  min(enrolled_at) AS enrolled_at,
  max(changed_at) AS last_changed_at
FROM devices
GROUP BY device_id
