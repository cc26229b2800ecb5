-- Each device's latest verdict per policy, with when it started failing and when it was fixed.
WITH turns AS (
  SELECT device_id, policy_id, maxIf(evaluated_at, status = 'pass') AS last_pass, maxIf(evaluated_at, status = 'fail') AS last_fail
  FROM policy_results WHERE participant_id = {participant:UUID} GROUP BY device_id, policy_id
)
SELECT r.device_id AS device_id, r.policy_id AS policy_id,
  argMax(r.status, r.evaluated_at) AS status, argMax(r.detail, r.evaluated_at) AS detail, argMax(r.detail_en, r.evaluated_at) AS detail_en,
  argMax(r.severity, r.evaluated_at) AS severity,
  max(r.evaluated_at) AS evaluated_at,
  minIf(r.evaluated_at, r.status = 'fail' AND r.evaluated_at > t.last_pass) AS failing_since,
  minIf(r.evaluated_at, r.status = 'pass' AND r.evaluated_at > t.last_fail) AS passing_since,
  t.last_fail AS last_fail
FROM policy_results AS r
INNER JOIN turns AS t ON t.device_id = r.device_id AND t.policy_id = r.policy_id
WHERE r.participant_id = {participant:UUID}
GROUP BY r.device_id, r.policy_id, t.last_pass, t.last_fail
