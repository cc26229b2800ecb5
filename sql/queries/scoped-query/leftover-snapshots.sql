-- Snapshot tables (participant-snapshot.ts's `snapshot_<16 hex>_<scoped table>`, and health's verdict staging
-- `snapshot_<16 hex>_policy_verdicts`) created before a time: the leftovers of a run that ended without dropping them.
SELECT name
FROM system.tables
WHERE database = currentDatabase()
  AND match(name, '^snapshot_[0-9a-f]{16}_(p_[a-z_]+|policy_verdicts)$')
  AND metadata_modification_time < {before:DateTime('UTC')}
ORDER BY name
