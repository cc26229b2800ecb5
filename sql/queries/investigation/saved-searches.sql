-- The saved searches an operator sees: its own and those other operators shared, newest first.
SELECT toString(search_id) AS id, toString(participant_id) AS participant,
  toString(owner_account_id) AS owner, owner_name, name, path, shared, purpose, purpose_note, changed_at
FROM saved_searches FINAL
WHERE removed = 0 AND (owner_account_id = {account:UUID} OR shared = 1)
ORDER BY changed_at DESC
LIMIT 500
