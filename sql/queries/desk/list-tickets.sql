-- Tickets' current state for the queue or a participant's list; an empty scope means every participant.
SELECT *
FROM tickets_current
WHERE (empty({scope:Array(UUID)}) OR participant_id IN {scope:Array(UUID)})
  AND (empty({statuses:Array(String)}) OR toString(status) IN {statuses:Array(String)})
ORDER BY created_at DESC
LIMIT {limit:UInt32}
