SELECT participant_id
FROM notice_links
WHERE token_hash = {tokenHash:String}
LIMIT 1
