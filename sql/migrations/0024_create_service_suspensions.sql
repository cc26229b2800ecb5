-- Terms art. 8: suspensions of the service, fleet-wide or for one participant, planned (announced
-- ahead) or urgent. One row per change of a suspension; current state by argMax.
CREATE TABLE IF NOT EXISTS service_suspensions (
  suspension_id UUID,
  scope Enum8('all' = 1, 'participant' = 2),
  participant_id Nullable(UUID),
  reason_code LowCardinality(String),
  note String,
  starts_at DateTime64(3, 'UTC'),
  ends_at Nullable(DateTime64(3, 'UTC')),
  urgent Bool,
  status Enum8('scheduled' = 1, 'in_effect' = 2, 'ended' = 3, 'cancelled' = 4),
  changed_at DateTime64(6, 'UTC'),
  changed_by String
) ENGINE = MergeTree
ORDER BY (suspension_id, changed_at)
-- cluster-sharding-key: cityHash64(suspension_id)
