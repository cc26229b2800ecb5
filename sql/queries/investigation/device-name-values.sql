-- Autocomplete of device: the host names of the participant's devices that begin with what was typed (lower case).
SELECT hostname AS value, toUInt64(0) AS n
FROM devices_current
WHERE participant_id IN {scope:Array(UUID)} AND startsWith(lowerUTF8(hostname), {prefix:String})
ORDER BY hostname
LIMIT {limit:UInt32}
