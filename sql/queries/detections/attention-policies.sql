-- High and critical policy failures of each participant's latest evaluation, one item per participant and policy.
WITH latest AS (
  SELECT participant_id, argMax(evaluation_id, started_at) AS evaluation_id
  FROM policy_evaluations WHERE participant_id IN {scope:Array(UUID)} GROUP BY participant_id
),
current_policies AS (
  SELECT policy_id, argMax(title_ja, version) AS title_ja, argMax(title_en, version) AS title_en, argMax(slug, version) AS slug
  FROM policies GROUP BY policy_id
)
SELECT r.participant_id AS participant_id, p.organisation AS organisation, r.policy_id AS policy_id, c.slug AS slug,
  c.title_ja AS title, c.title_en AS title_en, any(r.severity) AS level, groupArray(50)((r.device_id, ifNull(d.hostname, ''))) AS devices,
  count() AS failing, max(r.evaluated_at) AS evaluated_at,
  ifNull(any(t.current_state), 'new') AS state, ifNull(any(t.current_reason), '') AS state_reason
FROM policy_results AS r
LEFT JOIN current_policies AS c ON c.policy_id = r.policy_id
LEFT JOIN (SELECT device_id, hostname FROM devices_current) AS d ON d.device_id = r.device_id
LEFT JOIN (SELECT participant_id, name AS organisation FROM participants_current) AS p ON p.participant_id = r.participant_id
LEFT JOIN (
  SELECT participant_id, item_id, argMax(state, changed_at) AS current_state, argMax(reason, changed_at) AS current_reason
  FROM finding_triage WHERE participant_id IN {scope:Array(UUID)} GROUP BY participant_id, item_id
) AS t ON t.participant_id = r.participant_id AND t.item_id = concat('policy:', toString(r.policy_id))
WHERE r.participant_id IN {scope:Array(UUID)}
  AND r.evaluation_id IN (SELECT evaluation_id FROM latest)
  AND r.status = 'fail' AND r.severity IN ('high', 'critical')
GROUP BY r.participant_id, p.organisation, r.policy_id, c.slug, c.title_ja, c.title_en
SETTINGS join_use_nulls = 1
