-- An evaluation's verdicts made by the engine (health/policy-evaluation.ts, issue 23): every active device ×
-- every policy that ran, from the policies' outcome (`policy_outcomes`, scoped-query/policies-into.ts). A device
-- the policy said nothing about is 'unknown'. Policies sharing a text share its branch (`policy_branches`).
-- The outcome is the join's right side, built whole before any row leaves, so a policy's error writes nothing.
-- Runs inside the policies' prelude: `p_devices` is the run's scoped table, checked with the whole.
SELECT
  {participant:UUID} AS participant_id,
  {evaluation:UUID} AS evaluation_id,
  {now:DateTime64(3, 'UTC')} AS evaluated_at,
  dp.policy.2 AS policy_id,
  dp.policy.3 AS policy_version,
  CAST(dp.policy.4, 'Enum8(\'low\' = 1, \'medium\' = 2, \'high\' = 3, \'critical\' = 4)') AS severity,
  dp.device_id AS device_id,
  CAST(multiIf(o.said = 0, 'unknown', o.passed = 1, 'pass', 'fail'), 'Enum8(\'pass\' = 1, \'fail\' = 2, \'unknown\' = 3)') AS status,
  o.detail AS detail,
  o.detail_en AS detail_en
FROM (
  SELECT
    device_id,
    toString(device_id) AS device_key,
    arrayJoin(arrayZip(
      {policy_branches:Array(UInt32)},
      {policy_ids:Array(UUID)},
      {policy_versions:Array(UInt32)},
      {policy_severities:Array(String)}
    )) AS policy
  FROM p_devices
) AS dp
LEFT ANY JOIN (
  SELECT toUInt32(policy_index) AS branch, device_id AS device_key, passed, detail, detail_en, toUInt8(1) AS said
  FROM policy_outcomes
) AS o ON o.branch = dp.policy.1 AND o.device_key = dp.device_key
SETTINGS join_use_nulls = 0
