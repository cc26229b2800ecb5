SELECT account_id, login_name, email, status
FROM accounts_current
WHERE participant_id IN {participantIds:Array(UUID)}
