-- The first 2,000 characters of a mail's text, taken at reception: the held-mail list shows them
-- without reading and parsing every raw mail again.
ALTER TABLE inbound_mail
  ADD COLUMN IF NOT EXISTS text_excerpt String DEFAULT ''
