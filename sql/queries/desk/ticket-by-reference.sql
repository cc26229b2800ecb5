-- The ticket a reference such as YZ-7K2M9QX4 names.
SELECT ticket_id, participant_id
FROM tickets
WHERE reference = {reference:String}
LIMIT 1
