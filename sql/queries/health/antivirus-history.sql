-- One device's antivirus, day by day (JST): the product the agent reported, how many of the day's checks found
-- real-time protection running or stopped (and when it first stopped), and the oldest definitions of the day.
-- From the agent's own health results (antivirus.running, antivirus.definitions_age_days), newest day first.
SELECT
  toString(toDate(time, 'Asia/Tokyo')) AS day,
  argMaxIf(value, time, check_id = 'antivirus.running' AND status = 'pass') AS product,
  countIf(check_id = 'antivirus.running' AND status = 'pass') AS running_passes,
  countIf(check_id = 'antivirus.running' AND status = 'fail') AS running_failures,
  if(running_failures = 0, NULL, minIf(time, check_id = 'antivirus.running' AND status = 'fail')) AS first_failure,
  maxIf(toUInt32OrNull(value), check_id = 'antivirus.definitions_age_days') AS oldest_definitions_days
FROM health_results FINAL
WHERE participant_id = {participantId:UUID}
  AND device_id = {deviceId:UUID}
  AND check_id IN ('antivirus.running', 'antivirus.definitions_age_days')
  AND time >= {from:DateTime64(3, 'UTC')}
  AND time < {to:DateTime64(3, 'UTC')}
GROUP BY day
ORDER BY day DESC
