-- The desk's answer templates (定型文): one row per change, the current one the latest (argMax by changed_at); a
-- removed template is a row with removed = 1. Each template has its text in Japanese and in English; the one in
-- the ticket's language is offered. Not participant data: the same templates serve every participant.
CREATE TABLE IF NOT EXISTS reply_templates (
  template_id UUID,
  title_ja String,
  title_en String,
  body_ja String,
  body_en String,
  removed Bool,
  changed_at DateTime64(6, 'UTC'),
  changed_by String
) ENGINE = MergeTree
ORDER BY (template_id, changed_at)
-- cluster-sharding-key: cityHash64(template_id)
