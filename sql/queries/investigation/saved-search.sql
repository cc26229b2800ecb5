-- One saved search by its id (removed ones too: deleting twice is not an error).
SELECT toString(search_id) AS id, toString(participant_id) AS participant,
  toString(owner_account_id) AS owner, owner_name, name, path, shared, purpose, purpose_note,
  removed, changed_at
FROM saved_searches FINAL
WHERE search_id = {id:UUID}
