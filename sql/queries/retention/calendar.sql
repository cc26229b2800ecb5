-- The deletion calendar: everyone with a deletion deadline (still on record), and every run (whose
-- participant may be gone), one row per participant, nearest deadline first.
SELECT
  ifNull(p.participant_id, r.participant_id) AS participant_id,
  if(p.participant_id IS NULL, r.organisation, p.name) AS organisation,
  if(p.participant_id IS NULL, '', toString(p.status)) AS status,
  if(p.participant_id IS NULL, r.deadline, p.deletion_deadline) AS deadline,
  if(p.participant_id IS NULL, r.deadline_basis, p.deletion_basis) AS deadline_basis,
  if(p.participant_id IS NULL, r.agreed_with, p.deletion_agreed_with) AS agreed_with,
  if(p.participant_id IS NULL, r.agreed_at, p.deletion_agreed_at) AS agreed_at,
  r.run_id AS run_id,
  r.last_step AS last_step,
  r.last_detail AS last_detail,
  r.last_at AS last_at,
  r.started_at AS started_at
FROM
(
  SELECT participant_id, name, status, deletion_deadline, deletion_basis, deletion_agreed_with, deletion_agreed_at
  FROM participants_current
  WHERE deletion_deadline IS NOT NULL
) AS p
FULL OUTER JOIN
(
  SELECT participant_id,
    argMax(run_id, at) AS run_id,
    argMaxIf(organisation, at, step = 'started') AS organisation,
    argMaxIf(deadline, at, step = 'started') AS deadline,
    argMaxIf(deadline_basis, at, step = 'started') AS deadline_basis,
    argMaxIf(agreed_with, at, step = 'started') AS agreed_with,
    argMaxIf(agreed_at, at, step = 'started') AS agreed_at,
    argMax(toString(step), at) AS last_step,
    argMax(detail, at) AS last_detail,
    max(at) AS last_at,
    maxIf(at, step = 'started') AS started_at
  FROM deletion_runs
  GROUP BY participant_id
) AS r ON r.participant_id = p.participant_id
ORDER BY deadline, organisation
SETTINGS join_use_nulls = 1
