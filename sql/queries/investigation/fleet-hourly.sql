-- Events per participant and hour over the last 24 h (the fleet overview's sparklines).
SELECT participant_id, toUnixTimestamp(hour) AS hour, sum(events) AS count
FROM device_hourly
WHERE hour >= {since:DateTime('UTC')}
GROUP BY participant_id, hour
ORDER BY participant_id, hour
