package io.switchboard.ion;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ops.DeadLetterRecorder;
import io.switchboard.store.Database;
import io.switchboard.store.Direction;
import io.switchboard.store.MessageRecord;
import io.switchboard.store.MessageStore;

/**
 * The ION outbox: OUT rows of the message table. QUEUED → (claimed with a lease) → SENT | HELD | DEAD.
 * Only the oldest unsent row of a document name can be claimed, so each document name goes out in
 * enqueue order; different document names go out in parallel.
 */
public class OutboxStore {

    public static final String QUEUED = "QUEUED";
    public static final String HELD = "HELD";
    public static final String SENT = "SENT";
    public static final String DEAD = "DEAD";

    private static final ObjectMapper JSON = new ObjectMapper();

    // the oldest QUEUED/HELD row of its document name, due, and not leased by a live claim
    private static final String CLAIMABLE = "SELECT m.id FROM message m WHERE m.direction = 'OUT'"
            + " AND m.status = 'QUEUED' AND (m.next_attempt_at IS NULL OR m.next_attempt_at <= ?)"
            + " AND (m.claimed_until IS NULL OR m.claimed_until < ?)"
            + " AND NOT EXISTS (SELECT 1 FROM message o WHERE o.direction = 'OUT' AND o.status IN ('QUEUED', 'HELD')"
            + " AND o.document_name = m.document_name AND o.id < m.id)"
            + " ORDER BY m.id LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String CLAIM = "UPDATE message SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1,"
            + " updated_at = ? WHERE id IN (" + CLAIMABLE + ")";
    private static final String RETURNED = "id, message_id, document_name, to_logical_id, parameters, payload, attempts";

    private final Database db;
    private final MessageStore messages;
    private final String instance;

    public OutboxStore(Database db, MessageStore messages, String instance) {
        this.db = db;
        this.messages = messages;
        this.instance = instance;
    }

    /** Stores a new QUEUED message (committed when this returns) and returns its message id. */
    public String enqueue(String documentName, String toLogicalId, String variation, String payload,
            String tenantId, String fromLogicalId) {
        String messageId = UUID.randomUUID().toString();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("documentName", documentName);
        parameters.put("messageId", messageId);
        if (toLogicalId != null && !toLogicalId.isBlank()) {
            parameters.put("toLogicalId", toLogicalId);
        }
        if (variation != null && !variation.isBlank()) {
            parameters.put("variation", variation);
        }
        String json;
        try {
            json = JSON.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        messages.insert(MessageRecord.newMessage(Direction.OUT, messageId, documentName, emptyToNull(tenantId),
                emptyToNull(fromLogicalId), emptyToNull(toLogicalId), json, payload, QUEUED))
                .orElseThrow(() -> new IllegalStateException("message id collision " + messageId));
        return messageId;
    }

    /** Claims up to limit due messages for this instance for lease; one statement, safe across instances. */
    public List<OutboxMessage> claim(int limit, Duration lease) {
        Instant now = Instant.now();
        Instant until = now.plus(lease);
        if (db.isPostgres()) {
            return db.query(CLAIM + " RETURNING " + RETURNED, OutboxStore::map, instance, until, now, now, now, limit);
        }
        return db.inTransaction(c -> Database.query(c, "SELECT " + RETURNED + " FROM FINAL TABLE (" + CLAIM + ")",
                OutboxStore::map, instance, until, now, now, now, limit));
    }

    public void markSent(OutboxMessage m) {
        finish(m.pk(), SENT, null, "sent to ION");
    }

    /** Not in acceptedDocuments: kept, not sent, until a refresh shows the document accepted. */
    public void hold(OutboxMessage m, String reason) {
        finish(m.pk(), HELD, reason, reason);
    }

    /** The attempt failed for a reason outside the message: back in the queue, first in line again. */
    public void release(OutboxMessage m, String error) {
        db.update("UPDATE message SET claimed_by = NULL, claimed_until = NULL, last_error = ?, updated_at = ?"
                + " WHERE id = ?", truncate(error), Instant.now(), m.pk());
        messages.addEvent(m.pk(), "RETRY", error);
    }

    /** ION refused the message itself (400): status DEAD; its dead letter is written by the one dead-letter path. */
    public void markDead(OutboxMessage m, String reason) {
        finish(m.pk(), DEAD, reason, reason);
    }

    /** One send attempt in the journey (OutboxDrain calls this once per attempt). */
    public void attempt(OutboxMessage m, int httpStatus, String error, Duration backoff) {
        messages.addAttempt(m.pk(), m.attempts(), httpStatus, error, backoff);
    }

    /** HELD messages of now-accepted document names go back to QUEUED; returns how many. */
    public int releaseHeld(Set<String> accepted) {
        int released = 0;
        for (String name : heldDocumentNames()) {
            if (accepted.contains(name)) {
                released += db.update("UPDATE message SET status = 'QUEUED', last_error = NULL, updated_at = ?"
                        + " WHERE direction = 'OUT' AND status = 'HELD' AND document_name = ?", Instant.now(), name);
            }
        }
        return released;
    }

    public List<String> heldDocumentNames() {
        return db.query("SELECT DISTINCT document_name FROM message WHERE direction = 'OUT' AND status = 'HELD'",
                rs -> rs.getString(1));
    }

    public long count(String status) {
        return messages.countByStatus(Direction.OUT, status);
    }

    private void finish(long pk, String status, String error, String detail) {
        db.inTransaction(c -> {
            Instant now = Instant.now();
            Database.update(c, "UPDATE message SET status = ?, claimed_by = NULL, claimed_until = NULL,"
                    + " last_error = ?, updated_at = ? WHERE id = ?", status, truncate(error), now, pk);
            Database.update(c, "INSERT INTO message_event (message_pk, at, event, detail) VALUES (?,?,?,?)",
                    pk, now, status, truncate(detail));
            return null;
        });
    }

    private static OutboxMessage map(ResultSet rs) throws SQLException {
        String variation = null;
        String parameters = rs.getString("parameters");
        if (parameters != null) {
            try {
                JsonNode node = JSON.readTree(parameters);
                variation = node.hasNonNull("variation") ? node.get("variation").asText() : null;
            } catch (JsonProcessingException e) {
                variation = null;
            }
        }
        return new OutboxMessage(rs.getLong("id"), rs.getString("message_id"), rs.getString("document_name"),
                rs.getString("to_logical_id"), variation, rs.getString("payload"), rs.getInt("attempts"));
    }

    /** What direct:ion-outbound needs to queue this message again (a replay), plus the message row it belongs to. */
    public static Map<String, Object> replayHeaders(OutboxMessage m) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(IonHeaders.DOCUMENT_NAME, m.documentName());
        if (m.toLogicalId() != null) {
            headers.put(IonHeaders.TO_LOGICAL_ID, m.toLogicalId());
        }
        if (m.variation() != null) {
            headers.put(IonHeaders.VARIATION, m.variation());
        }
        headers.put(DeadLetterRecorder.MESSAGE_PK, m.pk());
        headers.put(DeadLetterRecorder.MESSAGE_ID, m.messageId());
        headers.put(DeadLetterRecorder.DOCUMENT_NAME, m.documentName());
        return headers;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 1999) + "…";
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
