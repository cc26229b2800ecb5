-- Optimistic concurrency on ClickHouse: a version is written with insert_deduplication_token
-- "participants:<id>:<version>", so of two writers of the same version exactly one row lands.
-- The window must cover the writes that can happen between a read and its write (milliseconds).
ALTER TABLE participants MODIFY SETTING non_replicated_deduplication_window = 100000, replicated_deduplication_window = 100000
