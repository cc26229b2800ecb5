-- An account's e-mail address (the requester of a ticket opened in the portal).
SELECT email
FROM accounts_current
WHERE account_id = {accountId:UUID}
