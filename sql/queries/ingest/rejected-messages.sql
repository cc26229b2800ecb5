SELECT
  participant_id, device_id, received_at, transport, message_type, batch_id, event_index,
  code, field, reason, raw, raw_bytes, raw_truncated
FROM rejected_messages
WHERE ({participantId:Nullable(UUID)} IS NULL OR participant_id = {participantId:Nullable(UUID)})
  AND ({deviceId:Nullable(UUID)} IS NULL OR device_id = {deviceId:Nullable(UUID)})
ORDER BY received_at DESC
LIMIT {limit:UInt32}
