-- The certificate of a run (or the participant's latest, when no run is named).
SELECT certificate_id, run_id, participant_id, issued_at, json, sha256, pdf, mail_id
FROM deletion_certificates
WHERE participant_id = {participantId:UUID}
  AND (isNull({runId:Nullable(UUID)}) OR run_id = {runId:Nullable(UUID)})
ORDER BY issued_at DESC
LIMIT 1
