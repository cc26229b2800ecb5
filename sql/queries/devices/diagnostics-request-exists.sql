-- Whether the desk asked this device for diagnostics under this request id (ingest takes answers only then).
SELECT count() AS c
FROM diagnostic_requests
WHERE participant_id = {participantId:UUID} AND device_id = {deviceId:String} AND request_id = {requestId:String} AND via = 'agent'
