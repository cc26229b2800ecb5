-- The current state of each ticket (tuple() keeps NULL through argMax, see participants_current).
CREATE VIEW IF NOT EXISTS tickets_current AS
SELECT
  ticket_id,
  max(version) AS current_version,
  any(participant_id) AS participant_id,
  any(reference) AS reference,
  argMax(subject, (version, changed_at)) AS subject,
  argMax(category, (version, changed_at)) AS category,
  argMax(status, (version, changed_at)) AS status,
  any(channel) AS channel,
  any(requester_account_id) AS requester_account_id,
  any(requester_name) AS requester_name,
  any(requester_email) AS requester_email,
  argMax(assignee_id, (version, changed_at)) AS assignee_id,
  min(created_at) AS created_at,
  argMax(tuple(first_response_at), (version, changed_at)).1 AS first_response_at,
  max(changed_at) AS updated_at
FROM tickets
GROUP BY ticket_id
