SELECT mail_id, kind
FROM outbound_mail
WHERE message_id = {messageId:String}
LIMIT 1
