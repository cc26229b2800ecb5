SELECT starts_on, ends_on, note, changed_at, changed_by
FROM trial_period
ORDER BY changed_at DESC
LIMIT 1
