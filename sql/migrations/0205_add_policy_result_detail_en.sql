-- A verdict's finding in English beside the Japanese one (issue 19): the English report, device page and PDF
-- show it. Old rows and policies without detail_en read ''; the report then shows the Japanese detail.
ALTER TABLE policy_results
  ADD COLUMN IF NOT EXISTS detail_en String DEFAULT ''
