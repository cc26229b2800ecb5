SELECT *
FROM notices
WHERE audience = 'all_participants' AND has(channels, 'web')
ORDER BY created_at DESC
LIMIT {limit:UInt32}
