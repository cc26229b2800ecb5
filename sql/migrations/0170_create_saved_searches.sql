-- Saved searches of the log explorer and of the search across participants (issue 22), kept on the server so
-- operators can share them. A search is its address (path + query string). participant_id is the
-- participant whose explorer it opens, or the zero UUID for a search across participants, so the deletion
-- of a participant (art. 16) removes the searches naming it. The id is derived from the owner and the name
-- (saving under the same name replaces); one row per change, the newest wins; removed = 1 once deleted.
-- purpose is the access purpose the operator had chosen when saving it, shown to whoever opens it.
CREATE TABLE IF NOT EXISTS saved_searches (
  search_id UUID,
  participant_id UUID,
  owner_account_id UUID,
  owner_name String,
  name String,
  path String,
  shared UInt8,
  purpose LowCardinality(String),
  purpose_note String,
  removed UInt8,
  changed_at DateTime64(6, 'UTC')
) ENGINE = ReplacingMergeTree(changed_at)
ORDER BY search_id
-- cluster-sharding-key: cityHash64(search_id)
