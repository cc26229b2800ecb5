-- A lease's latest term, and the engine's clock: every gateway judges expiry by the same clock (the
-- database's), not by its own. With no row yet: term 0, nobody, not live.
SELECT
  max(l.term) AS latest_term,
  argMax(l.holder, l.term) AS holder,
  toUnixTimestamp64Milli(argMax(l.slot, l.term)) AS slot_ms,
  argMax(l.expires_at, l.term) > now64(3) AS live,
  toUnixTimestamp64Milli(now64(3)) AS engine_now_ms
FROM leases AS l
WHERE l.name = {name:String}
