-- Generated data (生成等データ): every evaluation's verdict per device and policy, with the policy
-- version, so the history says what was checked, when, and how it came out.
CREATE TABLE IF NOT EXISTS policy_results (
  participant_id UUID,
  evaluation_id UUID,
  evaluated_at DateTime64(3, 'UTC'),
  policy_id UUID,
  policy_version UInt32,
  severity Enum8('low' = 1, 'medium' = 2, 'high' = 3, 'critical' = 4),
  device_id UUID,
  status Enum8('pass' = 1, 'fail' = 2, 'unknown' = 3),
  detail String
) ENGINE = MergeTree
PARTITION BY toYYYYMM(evaluated_at)
ORDER BY (participant_id, device_id, policy_id, evaluated_at)
-- cluster-sharding-key: cityHash64(participant_id)
