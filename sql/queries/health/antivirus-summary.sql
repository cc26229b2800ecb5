-- Each device of a participant over a period, from its agent's own health checks (antivirus.running,
-- antivirus.definitions_age_days), for the printed report: the JST days with a check, the days real-time protection
-- was found stopped at some check and at every check, when it was last found stopped, the product last found
-- running, and the definitions' age at the newest check and at its oldest. Per day first, as the device page's
-- antivirus-history.sql counts them, so the two agree.
SELECT
  v.device_id AS device_id,
  ifNull(d.hostname, '') AS hostname,
  countIf(v.running_passes + v.running_failures > 0) AS days_checked,
  countIf(v.running_failures > 0) AS days_stopped,
  countIf(v.running_failures > 0 AND v.running_passes = 0) AS days_off,
  if(days_stopped = 0, NULL, maxIf(v.last_failure, v.running_failures > 0)) AS last_stopped_at,
  argMaxIf(v.product, v.day, v.product != '') AS product,
  argMaxIf(v.newest_definitions_days, v.newest_definitions_at, v.definitions_checks > 0) AS newest_definitions_days,
  maxIf(v.oldest_definitions_days, v.definitions_checks > 0) AS oldest_definitions_days,
  sum(v.definitions_checks) AS definitions_checks
FROM (
  SELECT
    device_id,
    toDate(time, 'Asia/Tokyo') AS day,
    argMaxIf(value, time, check_id = 'antivirus.running' AND status = 'pass') AS product,
    countIf(check_id = 'antivirus.running' AND status = 'pass') AS running_passes,
    countIf(check_id = 'antivirus.running' AND status = 'fail') AS running_failures,
    maxIf(time, check_id = 'antivirus.running' AND status = 'fail') AS last_failure,
    countIf(check_id = 'antivirus.definitions_age_days' AND isNotNull(toUInt32OrNull(value))) AS definitions_checks,
    argMaxIf(toUInt32OrZero(value), time, check_id = 'antivirus.definitions_age_days' AND isNotNull(toUInt32OrNull(value))) AS newest_definitions_days,
    maxIf(time, check_id = 'antivirus.definitions_age_days' AND isNotNull(toUInt32OrNull(value))) AS newest_definitions_at,
    maxIf(toUInt32OrZero(value), check_id = 'antivirus.definitions_age_days' AND isNotNull(toUInt32OrNull(value))) AS oldest_definitions_days
  FROM health_results FINAL
  WHERE participant_id = {participantId:UUID}
    AND check_id IN ('antivirus.running', 'antivirus.definitions_age_days')
    AND time >= {from:DateTime64(3, 'UTC')}
    AND time < {to:DateTime64(3, 'UTC')}
  GROUP BY device_id, day
) AS v
LEFT JOIN (SELECT device_id, hostname FROM devices_current WHERE participant_id = {participantId:UUID}) AS d
  ON d.device_id = v.device_id
GROUP BY v.device_id, hostname
ORDER BY hostname, device_id
SETTINGS join_use_nulls = 1
