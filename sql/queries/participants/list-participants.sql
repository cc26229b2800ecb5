SELECT *
FROM participants_current
WHERE empty({statuses:Array(String)}) OR has({statuses:Array(String)}, toString(status))
ORDER BY created_at
