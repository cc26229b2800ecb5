-- How a notice goes out (terms art. 21): its channels, the prior-notice period that counts from its
-- deemed delivery (art. 7 (1), 8 (2), 20 (6)), the time a notice by "other" means states, the postal
-- address it was printed for, and what it announces (e.g. "suspension:<id>") so the effect finds its notice.
ALTER TABLE notices
  ADD COLUMN IF NOT EXISTS channels Array(LowCardinality(String)) DEFAULT ['web'],
  ADD COLUMN IF NOT EXISTS prior_notice_seconds UInt32 DEFAULT 0,
  ADD COLUMN IF NOT EXISTS stated_delivery_at Nullable(DateTime64(3, 'UTC')),
  ADD COLUMN IF NOT EXISTS postal_address String DEFAULT '',
  ADD COLUMN IF NOT EXISTS about String DEFAULT ''
