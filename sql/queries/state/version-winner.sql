SELECT write_id
FROM {table:Identifier}
WHERE {idColumn:Identifier} = {id:UUID} AND version = {version:UInt32}
ORDER BY changed_at, write_id
LIMIT 1
