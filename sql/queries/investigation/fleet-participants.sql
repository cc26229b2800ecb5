-- Per participant: devices, revoked devices, last seen, events in the last 24 h, rejected messages in 24 h.
SELECT
  p.participant_id AS participant_id, p.name AS name, toString(p.status) AS status,
  ifNull(dv.devices, 0) AS devices, ifNull(dv.revoked, 0) AS devices_revoked,
  a.last_seen AS last_seen, ifNull(a.events_24h, 0) AS events_24h, ifNull(r.rejected_24h, 0) AS rejected_24h
FROM participants_current AS p
LEFT JOIN (
  SELECT participant_id, count() AS devices, countIf(status = 'revoked') AS revoked FROM devices_current GROUP BY participant_id
) AS dv ON dv.participant_id = p.participant_id
LEFT JOIN (
  SELECT participant_id, max(last_received) AS last_seen, sumIf(events, hour >= {since:DateTime('UTC')}) AS events_24h
  FROM device_hourly GROUP BY participant_id
) AS a ON a.participant_id = p.participant_id
LEFT JOIN (
  SELECT participant_id, count() AS rejected_24h FROM rejected_messages WHERE received_at >= {since:DateTime('UTC')} GROUP BY participant_id
) AS r ON r.participant_id = p.participant_id
WHERE p.status NOT IN ('applied', 'awaiting_applicant', 'rejected', 'lapsed')
ORDER BY p.name
SETTINGS join_use_nulls = 1
