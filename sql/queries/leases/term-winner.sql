-- Which write holds a term of a lease: the engine keeps one block per deduplication token, so there is one.
SELECT write_id
FROM leases
WHERE name = {name:String} AND term = {term:UInt64}
ORDER BY written_at, write_id
LIMIT 1
