SELECT notice_id, participant_id
FROM notice_deliveries
WHERE channel = 'email' AND mail_id = {mailId:String}
LIMIT 1
