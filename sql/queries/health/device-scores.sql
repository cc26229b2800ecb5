-- Each device's score and failing policies in its participant's latest evaluation (for the fleet view).
WITH latest AS (
  SELECT participant_id, argMax(evaluation_id, started_at) AS evaluation_id FROM policy_evaluations GROUP BY participant_id
)
SELECT device_id,
  100 * sumIf(weight, status = 'pass') / nullIf(sumIf(weight, status != 'unknown'), 0) AS score,
  countIf(status = 'fail') AS failing
FROM (
  SELECT device_id, status, multiIf(severity = 'critical', 5, severity = 'high', 3, severity = 'medium', 2, 1) AS weight
  FROM policy_results
  WHERE evaluation_id IN (SELECT evaluation_id FROM latest)
)
GROUP BY device_id
