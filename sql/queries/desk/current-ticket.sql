-- One ticket's current state, within the participants the caller may see.
SELECT *
FROM tickets_current
WHERE ticket_id = {ticketId:UUID} AND participant_id IN {scope:Array(UUID)}
