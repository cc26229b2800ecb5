SELECT participant_id
FROM participants_current
WHERE status IN ('approved', 'active', 'withdrawal_requested')
  AND pending_revocation_at IS NOT NULL AND pending_revocation_at <= {now:DateTime64(3, 'UTC')}
