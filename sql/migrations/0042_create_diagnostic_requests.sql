-- "Request diagnostic information" (art. 13) on a ticket: from the agent (a request_diagnostics command;
-- its answer lands in the diagnostics table with the same request_id) or from the participant (a form
-- answered on the ticket). One row per state change; the current state by argMax.
CREATE TABLE IF NOT EXISTS diagnostic_requests (
  request_id String,
  ticket_id UUID,
  participant_id UUID,
  via LowCardinality(String),
  device_id String,
  include Array(String),
  instructions String,
  status LowCardinality(String),
  requested_at DateTime64(3, 'UTC'),
  requested_by String,
  changed_at DateTime64(6, 'UTC')
) ENGINE = MergeTree
ORDER BY (participant_id, ticket_id, request_id, changed_at)
-- cluster-sharding-key: cityHash64(participant_id)
