SELECT *
FROM accounts_current
WHERE account_id = {accountId:UUID}
