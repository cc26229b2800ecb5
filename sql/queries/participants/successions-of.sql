SELECT succession_id, predecessor_id, successor_id, kind, effective_on, note, recorded_at, recorded_by
FROM successions
WHERE successor_id IN {participantIds:Array(UUID)} OR predecessor_id IN {participantIds:Array(UUID)}
ORDER BY recorded_at
