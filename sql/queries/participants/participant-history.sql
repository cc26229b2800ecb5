SELECT version, status, change_kind, reason_code, note, name, representative, address, phone, contact_name, contact_email,
  terms_version, answer_deadline, start_date, end_date, pending_revocation_at, deletion_deadline, successor_id, changed_at, changed_by
FROM participants
WHERE participant_id = {participantId:UUID}
ORDER BY version, changed_at
