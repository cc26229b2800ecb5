-- Terms art. 16: the deletion deadline is the desk's default (end + YOROZU_DATA_RETENTION_DAYS) or a
-- date agreed with the participant. An agreed date keeps who agreed on the participant's side and when;
-- who recorded it is the version's changed_by.
ALTER TABLE participants
  ADD COLUMN IF NOT EXISTS deletion_basis LowCardinality(String) DEFAULT '',
  ADD COLUMN IF NOT EXISTS deletion_agreed_with String DEFAULT '',
  ADD COLUMN IF NOT EXISTS deletion_agreed_at Nullable(DateTime64(3, 'UTC'))
