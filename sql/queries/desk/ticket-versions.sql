-- Every version of the given tickets, oldest first: the tickets' history and their status timelines.
SELECT ticket_id, version, toString(status) AS status, assignee_id, category, subject, change_kind, change_detail, changed_at, changed_by
FROM tickets
WHERE ticket_id IN {ticketIds:Array(UUID)}
ORDER BY ticket_id, version, changed_at
LIMIT 1 BY ticket_id, version
