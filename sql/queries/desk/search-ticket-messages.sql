-- Tickets with a message containing the text: a substring, case-insensitive, after NFKC on both sides (Japanese is
-- not split into words by ClickHouse's tokenisers, so token search would miss 再発行 inside 請求書の再発行).
-- An empty scope means every participant; hiddenKinds leaves out what the viewer may not see (internal notes).
SELECT DISTINCT ticket_id
FROM ticket_messages
WHERE (empty({scope:Array(UUID)}) OR participant_id IN {scope:Array(UUID)})
  AND toString(kind) NOT IN {hiddenKinds:Array(String)}
  AND positionCaseInsensitiveUTF8(normalizeUTF8NFKC(body), normalizeUTF8NFKC({text:String})) > 0
LIMIT {limit:UInt32}
