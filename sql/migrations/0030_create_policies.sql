-- Health policies as data (one row per version; the current one is the highest version). A policy
-- is a SELECT over the participant-scoped tables of health/policy-scope.ts.
CREATE TABLE IF NOT EXISTS policies (
  policy_id UUID,
  version UInt32,
  slug String,
  builtin Bool,
  enabled Bool,
  severity Enum8('low' = 1, 'medium' = 2, 'high' = 3, 'critical' = 4),
  title_ja String,
  title_en String,
  description_ja String,
  description_en String,
  remediation_ja String,
  remediation_en String,
  query String,
  changed_at DateTime64(6, 'UTC'),
  changed_by String
) ENGINE = MergeTree
ORDER BY (policy_id, version, changed_at)
-- cluster-sharding-key: cityHash64(policy_id)
