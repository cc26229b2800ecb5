-- One operator account's last visit to the attention queue (no row: never visited).
SELECT toString(max(seen_at)) AS seen_at
FROM attention_visits
WHERE account_id = {account:UUID}
HAVING count() > 0
