-- What the organisation's MX said of the sender (Authentication-Results: "dmarc=pass spf=pass dkim=pass"),
-- as the desk read it when the mail came in.
ALTER TABLE inbound_mail
  ADD COLUMN IF NOT EXISTS authentication String DEFAULT ''
