SELECT
  suspension_id,
  argMax(scope, changed_at) AS scope,
  argMax(tuple(participant_id), changed_at).1 AS participant_id,
  argMax(reason_code, changed_at) AS reason_code,
  argMax(note, changed_at) AS note,
  argMax(starts_at, changed_at) AS starts_at,
  argMax(tuple(ends_at), changed_at).1 AS ends_at,
  argMax(urgent, changed_at) AS urgent,
  argMax(status, changed_at) AS status,
  max(changed_at) AS last_changed_at
FROM service_suspensions
GROUP BY suspension_id
HAVING empty({statuses:Array(String)}) OR has({statuses:Array(String)}, toString(status))
ORDER BY starts_at DESC
