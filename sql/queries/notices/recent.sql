SELECT *
FROM notices
ORDER BY created_at DESC
LIMIT {limit:UInt32}
