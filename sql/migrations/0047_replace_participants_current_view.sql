-- participants_current with how the deletion deadline was set (0046): default or agreed, with whom and when.
CREATE OR REPLACE VIEW participants_current AS
SELECT
  participant_id,
  max(version) AS current_version,
  argMax(name, (version, changed_at)) AS name,
  argMax(status, (version, changed_at)) AS status,
  argMax(change_kind, (version, changed_at)) AS change_kind,
  argMax(reason_code, (version, changed_at)) AS reason_code,
  argMax(note, (version, changed_at)) AS note,
  argMax(representative, (version, changed_at)) AS representative,
  argMax(address, (version, changed_at)) AS address,
  argMax(phone, (version, changed_at)) AS phone,
  argMax(contact_name, (version, changed_at)) AS contact_name,
  argMax(contact_email, (version, changed_at)) AS contact_email,
  argMax(terms_version, (version, changed_at)) AS terms_version,
  argMax(applicant_token_hash, (version, changed_at)) AS applicant_token_hash,
  argMax(tuple(answer_deadline), (version, changed_at)).1 AS answer_deadline,
  argMax(tuple(approved_at), (version, changed_at)).1 AS approved_at,
  argMax(tuple(start_date), (version, changed_at)).1 AS start_date,
  argMax(tuple(end_date), (version, changed_at)).1 AS end_date,
  argMax(tuple(pending_revocation_at), (version, changed_at)).1 AS pending_revocation_at,
  argMax(pending_revocation_reason, (version, changed_at)) AS pending_revocation_reason,
  argMax(tuple(withdrawal_requested_at), (version, changed_at)).1 AS withdrawal_requested_at,
  argMax(tuple(deletion_deadline), (version, changed_at)).1 AS deletion_deadline,
  argMax(deletion_basis, (version, changed_at)) AS deletion_basis,
  argMax(deletion_agreed_with, (version, changed_at)) AS deletion_agreed_with,
  argMax(tuple(deletion_agreed_at), (version, changed_at)).1 AS deletion_agreed_at,
  argMax(tuple(successor_id), (version, changed_at)).1 AS successor_id,
  min(changed_at) AS created_at,
  max(changed_at) AS last_changed_at
FROM participants
GROUP BY participant_id
