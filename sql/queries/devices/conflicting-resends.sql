-- Events a device re-sent with other content than it first sent (the gateway refused them: first write wins).
SELECT count() AS c
FROM rejected_messages
WHERE participant_id = {participantId:UUID} AND device_id = {deviceId:UUID} AND code = 'conflicting_resend'
