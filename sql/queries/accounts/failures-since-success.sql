-- Failed attempts (a wrong password, or a name with no account: both lock alike, so locking reveals nothing) after the last successful sign-in or the desk's unlock, within the lockout window.
SELECT at
FROM sign_ins
WHERE account_id = {accountId:UUID}
  AND result IN ('wrong_password', 'unknown_login')
  AND at > {since:DateTime64(3, 'UTC')}
  AND at > (SELECT max(at) FROM sign_ins WHERE account_id = {accountId:UUID} AND result IN ('success', 'unlocked'))
ORDER BY at
