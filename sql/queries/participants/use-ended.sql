-- Participants still taking part whose own end date, or the trial's, is before today (JST).
SELECT participant_id
FROM participants_current
WHERE status IN ('approved', 'active', 'withdrawal_requested')
  AND ((end_date IS NOT NULL AND end_date < {today:Date})
    OR ({trialEndsOn:Nullable(Date)} IS NOT NULL AND {trialEndsOn:Nullable(Date)} < {today:Date}))
