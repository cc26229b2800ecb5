-- Devices with their participant, last seen, events in the last 24 h, and whether the software is still on the PC
-- (told to uninstall; the agent's latest uninstall report), filtered, sorted and paged by the caller.
SELECT
  d.device_id AS device_id, d.participant_id AS participant_id, p.name AS participant_name, d.hostname AS hostname,
  d.os_name AS os_name, d.os_version AS os_version, d.agent_version AS agent_version, toString(d.status) AS status,
  a.last_seen AS last_seen, ifNull(a.events_24h, 0) AS events_24h,
  d.uninstall_requested AS uninstall_requested, u.last_reported_at AS uninstall_reported_at, u.last_status AS uninstall_status
FROM devices_current AS d
LEFT JOIN (SELECT participant_id, name FROM participants_current) AS p ON p.participant_id = d.participant_id
LEFT JOIN (
  SELECT device_id, max(last_received) AS last_seen, sumIf(events, hour >= {since:DateTime('UTC')}) AS events_24h
  FROM device_hourly
  WHERE empty({scope:Array(UUID)}) OR participant_id IN {scope:Array(UUID)}
  GROUP BY device_id
) AS a ON a.device_id = d.device_id
LEFT JOIN (
  SELECT device_id, max(reported_at) AS last_reported_at, argMax(status, reported_at) AS last_status
  FROM agent_uninstall_reports FINAL
  WHERE empty({scope:Array(UUID)}) OR participant_id IN {scope:Array(UUID)}
  GROUP BY device_id
) AS u ON u.device_id = d.device_id
WHERE (empty({scope:Array(UUID)}) OR d.participant_id IN {scope:Array(UUID)})
  AND ({search:String} = '' OR positionCaseInsensitive(d.hostname, {search:String}) > 0)
SETTINGS join_use_nulls = 1
