SELECT participant_id, argMax(name, changed_at) AS name, min(changed_at) AS created_at
FROM participants
GROUP BY participant_id
ORDER BY created_at
