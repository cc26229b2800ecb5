-- The participant's score after each evaluation since a date: per device, the severity-weighted share
-- of decided policies that pass; then the mean over devices.
SELECT evaluation_id, max(evaluated_at) AS evaluated_at, avg(device_score) AS score, count() AS devices
FROM (
  SELECT evaluation_id, evaluated_at, device_id,
    100 * sumIf(weight, status = 'pass') / nullIf(sumIf(weight, status != 'unknown'), 0) AS device_score
  FROM (
    SELECT evaluation_id, evaluated_at, device_id, status, multiIf(severity = 'critical', 5, severity = 'high', 3, severity = 'medium', 2, 1) AS weight
    FROM policy_results
    WHERE participant_id = {participant:UUID} AND evaluated_at >= {since:DateTime64(3, 'UTC')}
      -- an evaluation of only the policies new to the participant (evaluation-history.ts) is not a score
      AND evaluation_id NOT IN (
        SELECT evaluation_id FROM policy_evaluations
        WHERE participant_id = {participant:UUID} AND startsWith(trigger, 'policy-history')
      )
  )
  GROUP BY evaluation_id, evaluated_at, device_id
)
WHERE device_score IS NOT NULL
GROUP BY evaluation_id
ORDER BY evaluated_at
