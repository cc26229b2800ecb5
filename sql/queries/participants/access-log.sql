SELECT at, login_name, display_name, purpose, purpose_note, route, what, target
FROM data_access_log
WHERE participant_id IN {participantIds:Array(UUID)}
  AND at >= {from:DateTime64(3, 'UTC')} AND at < {to:DateTime64(3, 'UTC')}
ORDER BY at DESC
LIMIT {limit:UInt32}
