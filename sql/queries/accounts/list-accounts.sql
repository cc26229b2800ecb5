SELECT account_id, current_version, login_name, display_name, email, role, participant_id, must_change_password,
  status, status_reason, pending_suspension_at, pending_suspension_reason, created_at, last_changed_at
FROM accounts_current
WHERE ({participantId:Nullable(UUID)} IS NULL OR participant_id = {participantId:Nullable(UUID)})
  AND ({role:Nullable(String)} IS NULL OR toString(role) = {role:Nullable(String)})
ORDER BY role, login_name
