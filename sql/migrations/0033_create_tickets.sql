-- Consultation tickets (terms art. 1, 13): one row per version of a ticket, carrying its whole current
-- state, what changed (change_kind, change_detail as JSON) and who changed it. The history of a ticket
-- is its versions; the current state is read by argMax (tickets_current). Version n+1 is written with
-- insert_deduplication_token "tickets:<id>:<n+1>" (sql/versioned-state.ts): two operators changing a
-- ticket at once cannot lose one of the changes.
CREATE TABLE IF NOT EXISTS tickets (
  ticket_id UUID,
  version UInt32,
  write_id UUID,
  participant_id UUID,
  reference String,
  subject String,
  category LowCardinality(String),
  status Enum8('new' = 1, 'open' = 2, 'awaiting_participant' = 3, 'resolved' = 4, 'closed' = 5),
  channel LowCardinality(String),
  requester_account_id String,
  requester_name String,
  requester_email String,
  assignee_id String,
  created_at DateTime64(3, 'UTC'),
  first_response_at Nullable(DateTime64(3, 'UTC')),
  change_kind LowCardinality(String),
  change_detail String,
  changed_at DateTime64(6, 'UTC'),
  changed_by String
) ENGINE = MergeTree
ORDER BY (participant_id, ticket_id, version, changed_at)
SETTINGS non_replicated_deduplication_window = 100000, replicated_deduplication_window = 100000
-- cluster-sharding-key: cityHash64(participant_id)
