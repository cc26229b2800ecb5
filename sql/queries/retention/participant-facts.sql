-- What a deletion run keeps of the participant before deleting it (for the certificate).
SELECT participant_id, name, status, contact_email, deletion_deadline, deletion_basis, deletion_agreed_with, deletion_agreed_at
FROM participants_current
WHERE participant_id = {participantId:UUID}
