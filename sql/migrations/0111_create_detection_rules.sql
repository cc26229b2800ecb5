-- Detection rules as data: Sigma YAML, one row per version (the current one is the highest version).
-- origin: 'sigmahq' (the curated pack, Detection Rule License), 'yorozu' (the desk's own pack) or
-- 'operator' (written in the dashboard). Not participant data: a rule is evaluated over each
-- participant's scoped tables.
CREATE TABLE IF NOT EXISTS detection_rules (
  rule_id String,
  version UInt32,
  origin LowCardinality(String),
  enabled Bool,
  title String,
  level LowCardinality(String),
  yaml String,
  changed_at DateTime64(3, 'UTC'),
  changed_by String
) ENGINE = MergeTree
ORDER BY (rule_id, version)
-- cluster-sharding-key: cityHash64(rule_id)
