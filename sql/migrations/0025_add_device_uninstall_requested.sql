-- A device revoked because its participant left (art. 6, 9, 11) is also told to uninstall, even
-- when it reconnects later: the gateway reads this flag when it refuses the revoked credential.
ALTER TABLE devices ADD COLUMN IF NOT EXISTS uninstall_requested Bool DEFAULT false
