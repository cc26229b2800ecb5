-- A digest of each list's current entries as a participant's rules read them (its own and everyone's), so
-- that a rule reading a list runs in full again after the list changed.
SELECT list_name, toString(groupBitXor(cityHash64(participant_id, value))) AS digest, toString(count()) AS entries
FROM list_entries FINAL
WHERE removed = 0 AND participant_id IN ({participant:UUID}, toUUID('00000000-0000-0000-0000-000000000000'))
GROUP BY list_name
