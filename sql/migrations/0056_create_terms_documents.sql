-- The terms (art. 2) as versioned documents: the full text, the date each takes effect (possibly in the
-- future), and what changed. Version 1 is the seed document, in force since 2022-12-01 (its 附則).
-- cluster-sharding-key: cityHash64(version)
CREATE TABLE IF NOT EXISTS terms_documents (
  version String,
  effective_on Date,
  title_ja String,
  title_en String,
  summary_ja String,
  summary_en String,
  text_ja String,
  published_at DateTime64(3, 'UTC'),
  published_by String
) ENGINE = ReplacingMergeTree(published_at)
ORDER BY (version)
