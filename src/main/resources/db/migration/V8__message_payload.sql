-- The BOD apart from its row: dispatch and the outbox change a message's status, lease and attempts many times,
-- and every such UPDATE rewrote the whole row, payload included (H2 re-serialises the row's page, PostgreSQL
-- writes a new row version). The payload is written once, here, and only read after.
CREATE TABLE message_payload (
    message_pk  BIGINT  NOT NULL PRIMARY KEY REFERENCES message (id) ON DELETE CASCADE,
    payload     TEXT
);
INSERT INTO message_payload (message_pk, payload) SELECT id, payload FROM message;
ALTER TABLE message DROP COLUMN payload;
-- No query reads messages by (document_name, created_at); the index only cost a write per message.
DROP INDEX ix_message_document;
