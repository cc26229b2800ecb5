-- The verdicts of some evaluations (the past instants just evaluated), to find where a failing run began.
SELECT policy_id, device_id, evaluated_at, toString(status) AS status
FROM policy_results
WHERE participant_id = {participant:UUID} AND evaluation_id IN {evaluations:Array(UUID)}
ORDER BY evaluated_at
