-- Snapshot tables (participant-snapshot.ts's `snapshot_<16 hex>_<scoped table>`) created before a time: the
-- leftovers of a run that ended without dropping them (a crash, or a failed drop).
SELECT name
FROM system.tables
WHERE database = currentDatabase()
  AND match(name, '^snapshot_[0-9a-f]{16}_p_[a-z_]+$')
  AND metadata_modification_time < {before:DateTime('UTC')}
ORDER BY name
