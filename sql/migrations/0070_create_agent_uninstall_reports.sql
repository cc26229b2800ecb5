-- What an agent reported after the uninstall command (terms art. 11 (4)): whether it removed itself (its
-- credential, buffer and state, then its service and program), and how it heard (websocket or http).
-- Stored data of the participant (what its agent sent); the device page and the fleet read the latest.
CREATE TABLE IF NOT EXISTS agent_uninstall_reports (
  participant_id UUID,
  device_id UUID,
  reported_at DateTime64(3, 'UTC'),
  status LowCardinality(String),
  detail String,
  transport LowCardinality(String)
) ENGINE = ReplacingMergeTree
ORDER BY (participant_id, device_id, reported_at)
-- cluster-sharding-key: cityHash64(participant_id)
