-- Each policy in every participant's latest evaluation: devices failing it, and when it was last evaluated.
WITH latest AS (
  SELECT participant_id, argMax(evaluation_id, started_at) AS evaluation_id FROM policy_evaluations GROUP BY participant_id
)
SELECT policy_id, countIf(status = 'fail') AS failing, max(evaluated_at) AS last_evaluated
FROM policy_results
WHERE evaluation_id IN (SELECT evaluation_id FROM latest)
GROUP BY policy_id
