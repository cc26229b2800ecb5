-- Whether this mail was already received (an MX that did not see our 250 sends it again).
SELECT mail_id
FROM inbound_mail
WHERE message_id = {messageId:String} AND from_address = {fromAddress:String}
LIMIT 1
