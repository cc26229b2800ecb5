SELECT device_id, argMax(status_reason, changed_at) AS status_reason
FROM devices
GROUP BY device_id
HAVING argMax(status, changed_at) = 'revoked' AND max(changed_at) > {since:DateTime64(6, 'UTC')}
