-- The latest uninstall report of each device: when, done or failed, and what the agent said.
SELECT
  device_id,
  max(reported_at) AS uninstall_reported_at,
  argMax(status, reported_at) AS uninstall_status,
  argMax(detail, reported_at) AS uninstall_detail
FROM agent_uninstall_reports FINAL
WHERE {participantId:Nullable(UUID)} IS NULL OR participant_id = {participantId:Nullable(UUID)}
GROUP BY device_id
