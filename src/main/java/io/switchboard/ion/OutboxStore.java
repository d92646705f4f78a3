package io.switchboard.ion;

import io.switchboard.HubJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ops.DeadLetterRecorder;
import io.switchboard.store.Database;
import io.switchboard.store.Direction;
import io.switchboard.store.MessageRecord;
import io.switchboard.store.MessageStore;
import io.switchboard.store.StoreException;

/**
 * The ION outbox: OUT rows of the message table. QUEUED → (claimed with a lease) → SENT | HELD | DEAD.
 * Each row carries an ordering key (hub.ion.outbox.ordering-key, by default its document name): a key's
 * rows are claimed only from its oldest unsent row on, in order, so each key goes out in enqueue
 * order; different keys go out in parallel.
 */
public class OutboxStore {

    public static final String QUEUED = "QUEUED";
    public static final String HELD = "HELD";
    public static final String SENT = "SENT";
    public static final String DEAD = "DEAD";

    private static final ObjectMapper JSON = HubJson.mapper();

    // claim = per ordering key with queued rows (found by a skip scan over ix_message_outbox_claim, one index
    // probe per key), the first K due, unleased rows of that key; cost O(keys × K), never O(backlog).
    // ORDER BY names every index column: only then does H2 read the index in order and stop at the LIMIT.
    // H2 starts a '>' range at the key itself and skips its rows one by one, so it gets '>= key + U+0000'
    // (the next possible string); PostgreSQL rejects U+0000 in text and seeks '>' directly.
    private static final String NEXT_KEY = "SELECT ordering_key FROM message WHERE direction = 'OUT'"
            + " AND status = 'QUEUED' AND ordering_key %s ? ORDER BY direction, status, ordering_key LIMIT 1";
    private static final String HELD_IN_KEY = "SELECT id FROM message WHERE direction = 'OUT' AND status = 'HELD'"
            + " AND ordering_key = ? ORDER BY direction, status, ordering_key, id LIMIT 1";
    private static final String RETURNED = "m.id, m.message_id, m.document_name, m.to_logical_id, m.parameters,"
            + " p.payload, m.attempts";
    // the head of a key with what the lane sends (payload from its own table, V8): one read per claim, none after
    // the lease UPDATE
    private static final String HEAD_OF_KEY = "SELECT " + RETURNED + ", m.claimed_until, m.next_attempt_at"
            + " FROM message m LEFT JOIN message_payload p ON p.message_pk = m.id"
            + " WHERE m.direction = 'OUT' AND m.status = 'QUEUED' AND m.ordering_key = ?"
            + " ORDER BY m.direction, m.status, m.ordering_key, m.id LIMIT ?";

    private final Database db;
    private final MessageStore messages;
    private final String instance;
    private final OutboxOrderingKey orderingKey;
    // where the next claim's skip scan starts: keys take turns, none starves behind busy ones
    private volatile String keyCursor = "";
    // keys this instance's lanes hold, with their lease's end: skipped without asking the database
    private final Map<String, Instant> inFlight = new ConcurrentHashMap<>();

    public OutboxStore(Database db, MessageStore messages, String instance) {
        this(db, messages, instance, OutboxOrderingKey.DOCUMENT_NAME);
    }

    public OutboxStore(Database db, MessageStore messages, String instance, OutboxOrderingKey orderingKey) {
        this.db = db;
        this.messages = messages;
        this.instance = instance;
        this.orderingKey = orderingKey;
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
        MessageRecord message = MessageRecord.newMessage(Direction.OUT, messageId, documentName,
                emptyToNull(tenantId), emptyToNull(fromLogicalId), emptyToNull(toLogicalId), json, payload, QUEUED);
        String key = orderingKey.of(documentName, payload);
        try {
            db.inTransaction(c -> Database.update(c, "UPDATE message SET ordering_key = ? WHERE id = ?", key,
                    MessageStore.insert(c, message)));
        } catch (StoreException e) {
            if (Database.isUniqueViolation(e)) {
                throw new IllegalStateException("message id collision " + messageId, e);
            }
            throw e;
        }
        return messageId;
    }

    /** Claims the first due message of up to limit ordering keys (one per key), leased for lease. */
    public List<OutboxMessage> claim(int limit, Duration lease) {
        return claimLanes(limit, 1, lease).stream().flatMap(List::stream).toList();
    }

    /**
     * Claims up to perKey consecutive due messages of each of up to keys ordering keys, leased to this
     * instance: one lane per key, in enqueue order. The lease is the key's row in outbox_lease (one small
     * write per lane; the message rows are not touched): a key is skipped while it is leased (by anyone) or
     * its oldest row is HELD, so a key never has two lanes. Safe across instances: the key's row is taken by an
     * INSERT (the primary key lets one instance win) or, once its lease has ended, by an UPDATE that re-checks it.
     * A lane ends with {@link #endLane(List)}, which gives the key back.
     */
    public List<List<OutboxMessage>> claimLanes(int keys, int perKey, Duration lease) {
        Instant now = Instant.now();
        Instant until = now.plus(lease);
        adoptRowsWithoutKey();
        List<List<OutboxMessage>> lanes = new ArrayList<>();
        String start = keyCursor;
        String key = start;
        boolean wrapped = false;
        while (lanes.size() < keys) {
            String next = nextKey(key);
            if (next == null || (wrapped && next.compareTo(start) > 0)) {
                if (wrapped || start.isEmpty()) {
                    break;
                }
                wrapped = true;
                key = "";
                continue;
            }
            key = next;
            List<OutboxMessage> lane = claimKey(key, perKey, now, until);
            if (!lane.isEmpty()) {
                lanes.add(lane);
            }
        }
        keyCursor = key;
        return lanes;
    }

    private String nextKey(String after) {
        if (db.isPostgres()) {
            return db.queryOne(NEXT_KEY.formatted(">"), rs -> rs.getString(1), after).orElse(null);
        }
        return db.queryOne(NEXT_KEY.formatted(">="), rs -> rs.getString(1), after + "\u0000").orElse(null);
    }

    private List<OutboxMessage> claimKey(String key, int perKey, Instant now, Instant until) {
        Instant mine = inFlight.get(key);
        if (mine != null && mine.isAfter(now)) {
            return List.of(); // a lane of this instance has it: no round trip
        }
        if (!db.query(HELD_IN_KEY, rs -> rs.getLong(1), key).isEmpty()) {
            return List.of(); // a HELD message keeps the later ones of its key waiting
        }
        if (!takeKey(key, now, until)) {
            return List.of();
        }
        inFlight.put(key, until);
        // read under the key's lease: what an earlier holder marked SENT is committed before it gave the key back
        List<OutboxMessage> lane = new ArrayList<>();
        for (Head head : db.query(HEAD_OF_KEY, rs -> new Head(map(rs, key),
                free(rs, "claimed_until", now) && free(rs, "next_attempt_at", now)), key, perKey)) {
            if (!head.due()) {
                break; // leased (by a row lease of an older version) or not yet due: the rows behind it wait too
            }
            lane.add(head.message());
        }
        if (lane.isEmpty()) {
            giveBack(key);
        }
        return lane;
    }

    /** The key's lease for this instance: free (no row), or its holder's lease has ended. */
    private boolean takeKey(String key, Instant now, Instant until) {
        Optional<Instant> held = db.queryOne("SELECT claimed_until FROM outbox_lease WHERE ordering_key = ?",
                rs -> Database.instant(rs, "claimed_until"), key);
        if (held.isPresent()) {
            // ended: taken over (a crashed instance's key); the UPDATE re-checks, so only one instance wins
            return !held.get().isAfter(now) && db.update("UPDATE outbox_lease SET claimed_by = ?, claimed_until = ?"
                    + " WHERE ordering_key = ? AND claimed_until <= ?", instance, until, key, now) == 1;
        }
        try {
            db.update("INSERT INTO outbox_lease (ordering_key, claimed_by, claimed_until) VALUES (?,?,?)",
                    key, instance, until);
            return true;
        } catch (StoreException e) {
            if (Database.isUniqueViolation(e)) {
                return false; // another instance took the key meanwhile
            }
            throw e;
        }
    }

    /**
     * A lane has ended (its SENT rows committed, or its rows given back): the key's lease goes, so the next claim
     * (of any instance) may take the key at once. A lane that ended in an error does not call this: its key stays
     * leased until hub.ion.lease ends, and its unsent rows are sent again then (at least once).
     */
    public void endLane(List<OutboxMessage> lane) {
        if (!lane.isEmpty() && lane.get(0).orderingKey() != null) {
            giveBack(lane.get(0).orderingKey());
        }
    }

    private void giveBack(String key) {
        db.update("DELETE FROM outbox_lease WHERE ordering_key = ? AND claimed_by = ?", key, instance);
        inFlight.remove(key);
    }

    /** A key's row as the claim read it, and whether it may be claimed now (not leased, due). */
    private record Head(OutboxMessage message, boolean due) {
    }

    private static boolean free(ResultSet rs, String column, Instant now) throws SQLException {
        Instant at = Database.instant(rs, column);
        return at == null || !at.isAfter(now);
    }

    /** Rows queued by code that did not set ordering_key are ordered by their document name. */
    private void adoptRowsWithoutKey() {
        db.update("UPDATE message SET ordering_key = document_name WHERE direction = 'OUT' AND status = 'QUEUED'"
                + " AND ordering_key IS NULL");
    }

    public void markSent(OutboxMessage m) {
        markSent(List.of(m));
    }

    /** Marks messages SENT in one transaction (status + journey event each): one commit per lane, not per message. */
    public void markSent(List<OutboxMessage> sent) {
        markDelivered(sent.stream().map(m -> new Delivered(m, -1)).toList());
    }

    /** A message ION accepted, with the HTTP status of that (its last) attempt; -1 when not known. */
    public record Delivered(OutboxMessage message, int httpStatus) {
    }

    /**
     * Marks messages SENT in one transaction: the status, and one SENT journey event per message that is also its
     * successful attempt (detail attempt=N status=202, as an ATTEMPT event's): one journey row per send that went
     * out, not an ATTEMPT and a SENT row.
     */
    public void markDelivered(List<Delivered> delivered) {
        if (delivered.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            Instant now = Instant.now();
            String in = String.join(",", delivered.stream().map(d -> String.valueOf(d.message().pk())).toList());
            Database.update(c, "UPDATE message SET status = 'SENT', attempts = attempts + 1, claimed_by = NULL,"
                    + " claimed_until = NULL, last_error = NULL, updated_at = ? WHERE id IN (" + in + ")", now);
            try (PreparedStatement event = c.prepareStatement(
                    "INSERT INTO message_event (message_pk, at, event, detail) VALUES (?,?,?,?)")) {
                for (Delivered d : delivered) {
                    event.setLong(1, d.message().pk());
                    event.setTimestamp(2, Database.timestamp(now));
                    event.setString(3, SENT);
                    event.setString(4, d.httpStatus() >= 0
                            ? MessageStore.attemptDetail(d.message().attempts(), d.httpStatus(), null, null)
                            : "attempt=" + d.message().attempts());
                    event.addBatch();
                }
                event.executeBatch();
            }
            return null;
        });
    }

    /**
     * Claimed messages that were not attempted (an earlier one of their lane stopped it): nothing to write, the
     * claim did not touch their rows and no attempt is counted; they go out with the key's next lane.
     */
    public void unclaim(List<OutboxMessage> notAttempted) {
        // the key's lease is given back by endLane
    }

    /** Not in acceptedDocuments: kept, not sent, until a refresh shows the document accepted. */
    public void hold(OutboxMessage m, String reason) {
        finish(m.pk(), HELD, reason, reason);
    }

    /** The attempt failed for a reason outside the message: back in the queue, first in line again. */
    public void release(OutboxMessage m, String error) {
        db.update("UPDATE message SET claimed_by = NULL, claimed_until = NULL, attempts = attempts + 1,"
                + " last_error = ?, updated_at = ? WHERE id = ?", truncate(error), Instant.now(), m.pk());
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

    /**
     * OUT rows in status, counted up to limit (a figure equal to limit means at least that many): the rows are
     * read from ix_message_outbox_claim and the count stops at the limit, so /observe/health stays cheap
     * whatever the backlog.
     */
    public long countUpTo(String status, long limit) {
        return db.count("SELECT COUNT(*) FROM (SELECT id FROM message WHERE direction = 'OUT' AND status = ?"
                + " ORDER BY direction, status, ordering_key, id LIMIT ?) bounded", status, limit);
    }

    /** queued and held for the "ion" peer's queueDepths, each counted up to limit. */
    public Map<String, Long> queueDepths(long limit) {
        Map<String, Long> depths = new LinkedHashMap<>();
        depths.put("queued", countUpTo(QUEUED, limit));
        depths.put("held", countUpTo(HELD, limit));
        return depths;
    }

    private void finish(long pk, String status, String error, String detail) {
        db.inTransaction(c -> {
            Instant now = Instant.now();
            Database.update(c, "UPDATE message SET status = ?, attempts = attempts + 1, claimed_by = NULL,"
                    + " claimed_until = NULL, last_error = ?, updated_at = ? WHERE id = ?", status, truncate(error), now, pk);
            Database.update(c, "INSERT INTO message_event (message_pk, at, event, detail) VALUES (?,?,?,?)",
                    pk, now, status, truncate(detail));
            return null;
        });
    }

    /** The row as claimed: attempts is the number of the attempt about to be made (the row counts finished ones). */
    private static OutboxMessage map(ResultSet rs, String orderingKey) throws SQLException {
        String variation = null;
        String parameters = rs.getString("parameters");
        // the parameters JSON is parsed only when it has a variation (most have none): no parse per message
        if (parameters != null && parameters.contains("\"variation\"")) {
            try {
                JsonNode node = JSON.readTree(parameters);
                variation = node.hasNonNull("variation") ? node.get("variation").asText() : null;
            } catch (JsonProcessingException e) {
                variation = null;
            }
        }
        return new OutboxMessage(rs.getLong("id"), rs.getString("message_id"), rs.getString("document_name"),
                rs.getString("to_logical_id"), variation, rs.getString("payload"), rs.getInt("attempts") + 1,
                orderingKey);
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
