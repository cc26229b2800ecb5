-- The columns of events, in order: a run's snapshot of p_events keeps those its queries name.
SELECT name FROM system.columns WHERE database = currentDatabase() AND table = 'events' ORDER BY position
