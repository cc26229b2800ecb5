SELECT account_id
FROM accounts_current
WHERE status = 'active' AND pending_suspension_at IS NOT NULL AND pending_suspension_at <= {now:DateTime64(3, 'UTC')}
