-- The read-only links each notice mail carries (a random token; only its SHA-256 is kept): they open
-- the participant's or applicant's notices without an account, for as long as its data is kept (the
-- deletion of art. 16 removes these rows with the rest).
CREATE TABLE IF NOT EXISTS notice_links (
  token_hash String,
  participant_id UUID,
  created_at DateTime64(3, 'UTC')
) ENGINE = MergeTree
ORDER BY (token_hash)
-- cluster-sharding-key: cityHash64(participant_id)
