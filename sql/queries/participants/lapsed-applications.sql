SELECT participant_id
FROM participants_current
WHERE status = 'awaiting_applicant' AND answer_deadline IS NOT NULL AND answer_deadline <= {now:DateTime64(3, 'UTC')}
