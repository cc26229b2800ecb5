-- Every MergeTree table of this database with its columns: the deletion's table list is derived from it.
SELECT t.name AS table, t.engine AS engine, groupArray(c.name) AS columns
FROM system.tables AS t
INNER JOIN system.columns AS c ON c.database = t.database AND c.table = t.name
WHERE t.database = currentDatabase() AND t.engine LIKE '%MergeTree'
GROUP BY t.name, t.engine
ORDER BY t.name
