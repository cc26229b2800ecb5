-- The attention queue's findings across participants, with their triage state and host names.
SELECT f.participant_id AS participant_id, p.organisation AS organisation, f.finding_id AS finding_id, f.rule_id AS rule_id,
  f.rule_title AS rule_title, f.level AS level, f.techniques AS techniques, f.device_id AS device_id,
  ifNull(d.hostname, '') AS hostname, f.user_name AS user_name, f.first_seen AS first_seen, f.last_seen AS last_seen,
  f.event_count AS event_count, f.event_source AS event_source, f.detected_at AS detected_at,
  ifNull(t.current_state, 'new') AS state, ifNull(t.current_reason, '') AS state_reason
FROM (SELECT * FROM findings FINAL WHERE participant_id IN {scope:Array(UUID)}) AS f
LEFT JOIN (SELECT device_id, hostname FROM devices_current) AS d ON d.device_id = f.device_id
LEFT JOIN (SELECT participant_id, name AS organisation FROM participants_current) AS p ON p.participant_id = f.participant_id
LEFT JOIN (
  SELECT participant_id, item_id, argMax(state, changed_at) AS current_state, argMax(reason, changed_at) AS current_reason
  FROM finding_triage WHERE participant_id IN {scope:Array(UUID)} GROUP BY participant_id, item_id
) AS t ON t.participant_id = f.participant_id AND t.item_id = f.finding_id
SETTINGS join_use_nulls = 1
