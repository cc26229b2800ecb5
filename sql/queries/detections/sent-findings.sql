-- The findings an operator sent to the participant (current state 'sent'), with the operator's plain-Japanese message.
SELECT f.finding_id AS finding_id, f.rule_id AS rule_id, f.rule_title AS rule_title, f.level AS level, ifNull(d.hostname, '') AS hostname,
  f.user_name AS user_name, f.first_seen AS first_seen, f.last_seen AS last_seen, f.event_count AS event_count,
  t.message AS message_ja, t.sent_at AS sent_at
FROM (SELECT * FROM findings FINAL WHERE participant_id = {participant:UUID}) AS f
INNER JOIN (
  SELECT item_id, argMax(state, changed_at) AS current_state, argMax(message_ja, changed_at) AS message, max(changed_at) AS sent_at
  FROM finding_triage WHERE participant_id = {participant:UUID} GROUP BY item_id
) AS t ON t.item_id = f.finding_id
LEFT JOIN (SELECT device_id, hostname FROM devices_current) AS d ON d.device_id = f.device_id
WHERE t.current_state = 'sent'
ORDER BY t.sent_at DESC
SETTINGS join_use_nulls = 1
