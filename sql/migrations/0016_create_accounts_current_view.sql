-- The current state of each account (see participants_current for the tuple() on Nullable columns).
CREATE VIEW IF NOT EXISTS accounts_current AS
SELECT
  account_id,
  max(version) AS current_version,
  argMax(login_name, (version, changed_at)) AS login_name,
  argMax(display_name, (version, changed_at)) AS display_name,
  argMax(email, (version, changed_at)) AS email,
  argMax(role, (version, changed_at)) AS role,
  argMax(tuple(participant_id), (version, changed_at)).1 AS participant_id,
  argMax(password_hash, (version, changed_at)) AS password_hash,
  argMax(must_change_password, (version, changed_at)) AS must_change_password,
  argMax(status, (version, changed_at)) AS status,
  argMax(status_reason, (version, changed_at)) AS status_reason,
  argMax(tuple(pending_suspension_at), (version, changed_at)).1 AS pending_suspension_at,
  argMax(pending_suspension_reason, (version, changed_at)) AS pending_suspension_reason,
  min(changed_at) AS created_at,
  max(changed_at) AS last_changed_at
FROM accounts
GROUP BY account_id
