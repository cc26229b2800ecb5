-- The positions (0-based) in the snapshot of the rows the mark query matched; the participant's view shows them
-- marked. Part of the hashed record, like the rows themselves.
ALTER TABLE ticket_evidence
  ADD COLUMN IF NOT EXISTS marked_rows Array(UInt32) DEFAULT []
