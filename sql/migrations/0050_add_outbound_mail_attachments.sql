-- Files sent with an outbox mail (the deletion certificate's PDF and JSON), base64 so that any bytes
-- survive the JSON insert format; most mail has none.
ALTER TABLE outbound_mail
  ADD COLUMN IF NOT EXISTS attachments Array(Tuple(filename String, content_type String, content_base64 String)) DEFAULT []
