SELECT at, ip, user_agent, result
FROM sign_ins
WHERE account_id = {accountId:UUID}
ORDER BY at DESC
LIMIT {limit:UInt32}
