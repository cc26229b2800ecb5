-- The answer templates as they now are (the latest change of each), without removed ones, by Japanese title.
SELECT template_id, latest.1 AS title_ja, latest.2 AS title_en, latest.3 AS body_ja, latest.4 AS body_en,
  latest.6 AS changed_at, latest.7 AS changed_by
FROM (
  SELECT template_id,
    argMax(tuple(title_ja, title_en, body_ja, body_en, removed, changed_at, changed_by), changed_at) AS latest
  FROM reply_templates
  GROUP BY template_id
)
WHERE NOT latest.5
ORDER BY title_ja, template_id
LIMIT {limit:UInt32}
