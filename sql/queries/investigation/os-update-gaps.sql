-- Devices with no OS update installed within the last N days (or none reported at all). Only security and
-- quality updates count, as in the os-updates-30d policy: Defender's daily definition updates (KB2267602) are not
-- OS updates and would make every PC look current.
SELECT
  d.device_id AS device_id, d.hostname AS hostname,
  u.last_installed_at AS last_installed_at,
  if(u.last_installed_at IS NULL, NULL, dateDiff('day', u.last_installed_at, now64(3))) AS days_since,
  ifNull(u.failed, 0) AS failed_updates, ifNull(u.pending, 0) AS pending_updates
FROM devices_current AS d
LEFT JOIN (
  SELECT device_id,
    maxIf(installed_at, status = 'installed' AND kind IN ('security', 'quality')) AS last_installed_at,
    countIf(status = 'failed' AND kind IN ('security', 'quality')) AS failed,
    countIf(status = 'pending' AND kind IN ('security', 'quality')) AS pending
  FROM inventory_os_updates FINAL
  WHERE participant_id IN {scope:Array(UUID)}
  GROUP BY device_id
) AS u ON u.device_id = d.device_id
WHERE d.participant_id IN {scope:Array(UUID)} AND d.status = 'active'
  AND (u.last_installed_at IS NULL OR u.last_installed_at < now64(3) - toIntervalDay({days:UInt32}))
ORDER BY last_installed_at NULLS FIRST, hostname
SETTINGS join_use_nulls = 1
