SELECT policy_id, max(version) AS current_version,
  argMax(slug, version) AS slug, argMax(builtin, version) AS builtin, argMax(enabled, version) AS enabled,
  argMax(severity, version) AS severity, argMax(title_ja, version) AS title_ja, argMax(title_en, version) AS title_en,
  argMax(description_ja, version) AS description_ja, argMax(description_en, version) AS description_en,
  argMax(remediation_ja, version) AS remediation_ja, argMax(remediation_en, version) AS remediation_en,
  argMax(query, version) AS query, max(changed_at) AS last_changed_at
FROM policies
GROUP BY policy_id
ORDER BY slug
