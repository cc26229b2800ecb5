SELECT DISTINCT predecessor_id
FROM successions
WHERE successor_id IN {successorIds:Array(UUID)}
