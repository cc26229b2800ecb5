-- Runs that started and have no certificate yet: a run killed half-way, or one whose verification failed.
SELECT participant_id, run_id
FROM deletion_runs
GROUP BY participant_id, run_id
HAVING countIf(step = 'certified') = 0
ORDER BY min(at)
