-- Participants and applicants who left and whose deletion deadline (JST date) has come.
SELECT participant_id
FROM participants_current
WHERE status IN ('withdrawn', 'revoked', 'ended', 'rejected', 'lapsed')
  AND deletion_deadline IS NOT NULL
  AND deletion_deadline <= {today:Date}
ORDER BY deletion_deadline, participant_id
