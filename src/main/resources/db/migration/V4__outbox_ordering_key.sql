-- Outbox claim in O(ordering keys), not O(backlog): each OUT row carries the key that orders it
-- (hub.ion.outbox.ordering-key; by default its document name), and one index serves both "which keys
-- have queued rows" (a skip scan, one probe per key) and "the first K rows of a key, in order".
ALTER TABLE message ADD COLUMN ordering_key VARCHAR(400);
UPDATE message SET ordering_key = document_name WHERE direction = 'OUT';
CREATE INDEX ix_message_outbox_claim ON message (direction, status, ordering_key, id);
