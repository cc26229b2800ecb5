-- One held mail's raw bytes (base64), to put it on a ticket.
SELECT m.raw AS raw
FROM inbound_mail AS m
WHERE m.mail_id = {mailId:UUID}
LIMIT 1
