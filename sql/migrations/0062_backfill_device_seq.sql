-- Devices whose events were stored before device_seq existed (0060, 0061). Migrations run at start,
-- before the gateway takes batches, so nothing reaches events between 0061 and this one.
INSERT INTO device_seq
SELECT participant_id, device_id, max(seq) AS max_seq
FROM events
GROUP BY participant_id, device_id
