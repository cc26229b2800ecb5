-- Each detection rule's current version (the highest).
SELECT rule_id, max(version) AS current_version, argMax(origin, version) AS origin, argMax(enabled, version) AS enabled,
  argMax(title, version) AS title, argMax(level, version) AS level, argMax(yaml, version) AS yaml,
  max(changed_at) AS changed_at
FROM detection_rules
GROUP BY rule_id
ORDER BY rule_id
