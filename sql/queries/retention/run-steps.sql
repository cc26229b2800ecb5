-- The steps of the participant's deletion runs, oldest first.
SELECT run_id, participant_id, step, table_name, organisation, contact_email, deadline, deadline_basis, agreed_with, agreed_at,
  counts, files, detail, at, by
FROM deletion_runs
WHERE participant_id = {participantId:UUID}
ORDER BY at
