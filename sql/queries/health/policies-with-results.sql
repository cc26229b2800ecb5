-- The policies a participant already has verdicts of (any evaluation): the others are new to it and get their
-- history evaluated from the stored data.
SELECT DISTINCT policy_id FROM policy_results WHERE participant_id = {participant:UUID}
