-- The current state of diagnostics requests: of one ticket, or (no ticket) every agent request still
-- waiting for its device. Columns are qualified: the aliases must not stand for them in WHERE.
SELECT
  r.request_id AS request_id,
  any(r.ticket_id) AS ticket_id,
  any(r.participant_id) AS participant_id,
  any(r.via) AS via,
  any(r.device_id) AS device_id,
  any(r.include) AS include,
  any(r.instructions) AS instructions,
  argMax(r.status, r.changed_at) AS current_status,
  min(r.requested_at) AS requested_at,
  any(r.requested_by) AS requested_by
FROM diagnostic_requests AS r
WHERE ({ticketId:Nullable(UUID)} IS NULL OR r.ticket_id = {ticketId:Nullable(UUID)})
GROUP BY r.request_id
HAVING {ticketId:Nullable(UUID)} IS NOT NULL OR current_status = 'waiting_for_device'
ORDER BY requested_at
