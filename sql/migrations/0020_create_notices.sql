-- Notices the desk owes (terms art. 21), recorded when a decision is made. The notices issue adds
-- delivery channels and "deemed delivered" times; here each notice is recorded in both languages.
CREATE TABLE IF NOT EXISTS notices (
  notice_id UUID,
  audience Enum8('participant' = 1, 'all_participants' = 2, 'account' = 3),
  participant_id Nullable(UUID),
  account_id Nullable(UUID),
  recipient_email String,
  kind LowCardinality(String),
  subject_ja String,
  body_ja String,
  subject_en String,
  body_en String,
  created_at DateTime64(3, 'UTC'),
  created_by String
) ENGINE = MergeTree
ORDER BY (created_at, notice_id)
-- cluster-sharding-key: cityHash64(notice_id)
