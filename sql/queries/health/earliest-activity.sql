-- The first hour of the participant's stored activity (the hourly summary, so no scan of events): evaluating
-- its health before then would only say "nothing reported yet".
SELECT min(hour) AS first_hour, count() AS hours FROM device_hourly WHERE participant_id = {participant:UUID}
