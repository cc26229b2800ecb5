-- The query that marks the evidence rows answering the question (issue 22): kept with the snapshot, covered by its
-- SHA-256 when rows are marked. Empty for evidence without marks.
ALTER TABLE ticket_evidence
  ADD COLUMN IF NOT EXISTS mark_query String DEFAULT ''
