-- Devices whose latest software snapshot has a package matching a name, optionally below a version
-- (versions compared as arrays of numbers: 10.2.1 < 10.10).
WITH latest AS (
  SELECT device_id, max(collected_at) AS collected_at
  FROM inventory_software
  WHERE participant_id IN {scope:Array(UUID)}
  GROUP BY device_id
)
SELECT s.device_id AS device_id, d.hostname AS hostname, s.name AS name, s.version AS version, s.publisher AS publisher
FROM inventory_software AS s FINAL
INNER JOIN latest AS l ON l.device_id = s.device_id AND l.collected_at = s.collected_at
LEFT JOIN (SELECT device_id, hostname FROM devices_current) AS d ON d.device_id = s.device_id
WHERE s.participant_id IN {scope:Array(UUID)}
  AND positionCaseInsensitive(s.name, {name:String}) > 0
  AND ({below:String} = ''
    OR arrayMap(x -> toUInt64OrZero(x), splitByRegexp('[^0-9]+', s.version))
       < arrayMap(x -> toUInt64OrZero(x), splitByRegexp('[^0-9]+', {below:String})))
ORDER BY hostname, name
LIMIT 10000
