-- Each rule's newest watermark for a participant: how far its last successful run read, and the rule as it ran.
SELECT rule_id, rule_fingerprint, received_until
FROM detection_watermarks FINAL
WHERE participant_id = {participant:UUID}
