-- A message that came by mail keeps what the MX said of its sender, for the operators reading it.
ALTER TABLE ticket_messages
  ADD COLUMN IF NOT EXISTS mail_authentication String DEFAULT ''
