-- H2 only (PostgreSQL caches sequence values per connection, which would put journey ids out of order).
-- H2 hands out identity values from a cache of 32 and, when it runs dry, writes the sequence's new state with a
-- commit of its own — a store of every changed page, the running transaction's included. The outbox's SENT writer
-- spent ~30 % of its time there (one event row per message) and intake pays the same every 32 rows. One in-process
-- sequence stays in order whatever its cache; a crash only leaves a gap.
ALTER TABLE message_event ALTER COLUMN id SET CACHE 4096;
ALTER TABLE message ALTER COLUMN id SET CACHE 4096;
