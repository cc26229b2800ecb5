-- Generated data (生成等データ): how far each detection rule has read a participant's events, for the
-- scheduled runs that read only what arrived since (detections/detection-watermarks.ts). received_until is
-- an ingest time (events.received_at, windows_events_kept.received_at), not an event time, so an event that
-- arrives late with an old time is still read by the next run. rule_fingerprint is a hash of the rule as it
-- ran for the participant (compiled text, values, exceptions, the lists it reads): a rule whose fingerprint
-- changed runs in full. A row per successful run; the newest ran_at is current.
CREATE TABLE IF NOT EXISTS detection_watermarks (
  participant_id UUID,
  rule_id String,
  rule_fingerprint String,
  received_until DateTime64(3, 'UTC'),
  full_run Bool,
  ran_at DateTime64(6, 'UTC')
) ENGINE = ReplacingMergeTree(ran_at)
ORDER BY (participant_id, rule_id)
-- cluster-sharding-key: cityHash64(participant_id)
