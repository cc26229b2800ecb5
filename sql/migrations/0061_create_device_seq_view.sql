-- Feeds device_seq from every insert into events: one small row per device and insert.
CREATE MATERIALIZED VIEW IF NOT EXISTS device_seq_mv TO device_seq AS
SELECT
  participant_id,
  device_id,
  max(seq) AS max_seq
FROM events
GROUP BY participant_id, device_id
