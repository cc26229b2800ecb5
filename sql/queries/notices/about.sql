SELECT *
FROM notices
WHERE about = {about:String}
ORDER BY created_at DESC
LIMIT 1
