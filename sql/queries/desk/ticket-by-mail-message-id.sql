-- The ticket a mail answers: any message of ours or of the participant's with one of these Message-IDs.
SELECT ticket_id, participant_id
FROM
(
  SELECT ticket_id, participant_id FROM ticket_messages WHERE mail_message_id IN {messageIds:Array(String)} AND mail_message_id != ''
  UNION ALL
  SELECT ticket_id, participant_id FROM outbound_mail WHERE message_id IN {messageIds:Array(String)}
)
LIMIT 1
