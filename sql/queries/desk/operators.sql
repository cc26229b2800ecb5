-- The desk's operators (for assignment and SLA alerts).
SELECT toString(account_id) AS account_id, login_name, display_name, email, toString(status) AS status
FROM accounts_current
WHERE role = 'operator'
ORDER BY login_name
