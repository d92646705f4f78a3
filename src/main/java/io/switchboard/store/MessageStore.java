package io.switchboard.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The message table: store, look up, change status, and the journey of each message. */
public class MessageStore {

    private static final String COLUMNS = "m.id, m.direction, m.message_id, m.document_name, m.tenant_id,"
            + " m.from_logical_id, m.to_logical_id, m.parameters, p.payload, m.status, m.route, m.attempts,"
            + " m.next_attempt_at, m.last_error, m.created_at, m.updated_at";
    // the payload has a table of its own (V8): a status change never rewrites it
    private static final String FROM = " FROM message m LEFT JOIN message_payload p ON p.message_pk = m.id";
    private static final String RECEIVED = "RECEIVED";
    private static final String UNROUTED = "UNROUTED";
    private static final String INSERT_PAYLOAD = "INSERT INTO message_payload (message_pk, payload) VALUES (?,?)";

    private final Database db;

    public MessageStore(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    /**
     * Stores a message, its payload and its RECEIVED/QUEUED event in one commit.
     * Returns the new row id, or empty when (direction, messageId) is already stored.
     */
    public Optional<Long> insert(MessageRecord m) {
        try {
            return Optional.of(db.inTransaction(c -> insert(c, m)));
        } catch (StoreException e) {
            if (Database.isUniqueViolation(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Inserts inside a caller's transaction (batching several messages into one commit). */
    public static long insert(Connection c, MessageRecord m) throws SQLException {
        return insertLeased(c, m, null, null);
    }

    /**
     * Inserts with a dispatch lease already held by claimedBy until claimedUntil (the instance that stored
     * it dispatches it; recovery of any instance takes it only once the lease ended), or none (nulls).
     */
    private static final String INSERT_MESSAGE = "INSERT INTO message (direction, message_id, document_name,"
            + " tenant_id, from_logical_id, to_logical_id, parameters, status, last_error, next_attempt_at, claimed_by,"
            + " claimed_until, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    public static long insertLeased(Connection c, MessageRecord m, String claimedBy, Instant claimedUntil)
            throws SQLException {
        Instant now = Instant.now();
        long id = Database.insert(c, INSERT_MESSAGE,
                m.direction(), m.messageId(), m.documentName(), m.tenantId(), m.fromLogicalId(), m.toLogicalId(),
                m.parameters(), m.status(), truncate(m.lastError(), 2000), m.nextAttemptAt(), claimedBy, claimedUntil,
                now, now);
        Database.update(c, INSERT_PAYLOAD, id, m.payload());
        if (!receivedInbound(m)) {
            Database.update(c, "INSERT INTO message_event (message_pk, at, event, detail) VALUES (?,?,?,?)",
                    id, now, m.status(), null);
        }
        return id;
    }

    /** A row to insert with its lease (see insertLeased); null owner and until: none. */
    public record LeasedRow(MessageRecord message, String claimedBy, Instant claimedUntil) {
    }

    /**
     * An inbound message's first step, RECEIVED at created_at, is not written as a journey row, nor is the
     * UNROUTED the intake's routing stored it with: {@link #events} shows them from the message row (one
     * insert less per message on the intake's hot path).
     */
    private static boolean receivedInbound(MessageRecord m) {
        return m.direction() == Direction.IN && (RECEIVED.equals(m.status()) || UNROUTED.equals(m.status()));
    }

    /** insertLeased for many rows in JDBC batches (rows, payloads, first journey steps but RECEIVED); ids in order. */
    public static long[] insertLeased(Connection c, List<LeasedRow> rows) throws SQLException {
        Instant now = Instant.now();
        List<Object[]> params = new ArrayList<>(rows.size());
        for (LeasedRow r : rows) {
            MessageRecord m = r.message();
            params.add(new Object[] {m.direction(), m.messageId(), m.documentName(), m.tenantId(), m.fromLogicalId(),
                m.toLogicalId(), m.parameters(), m.status(), truncate(m.lastError(), 2000), m.nextAttemptAt(), r.claimedBy(),
                r.claimedUntil(), now, now});
        }
        long[] ids = Database.insertBatch(c, INSERT_MESSAGE, params);
        List<Object[]> payloads = new ArrayList<>(rows.size());
        List<Object[]> events = new ArrayList<>(rows.size());
        for (int i = 0; i < ids.length; i++) {
            MessageRecord m = rows.get(i).message();
            payloads.add(new Object[] {ids[i], m.payload()});
            if (!receivedInbound(m)) {
                events.add(new Object[] {ids[i], now, m.status(), null});
            }
        }
        Database.updateBatch(c, INSERT_PAYLOAD, payloads);
        Database.updateBatch(c, "INSERT INTO message_event (message_pk, at, event, detail) VALUES (?,?,?,?)", events);
        return ids;
    }

    /** One dispatch's end, for {@link #finishDispatch(Connection, List)}. */
    public record DispatchEnd(long id, String status, String route, String detail, List<MessageEvent> steps,
            Instant leaseEnded) {
    }

    /** finishDispatch for many messages in two JDBC batches (the rows, then every journey step). */
    public static void finishDispatch(Connection c, List<DispatchEnd> ends) throws SQLException {
        Instant now = Instant.now();
        List<Object[]> updates = new ArrayList<>(ends.size());
        List<Object[]> events = new ArrayList<>();
        for (DispatchEnd e : ends) {
            updates.add(new Object[] {e.status(), e.route(), truncate(e.detail(), 2000), e.leaseEnded(), now, e.id()});
            for (MessageEvent step : e.steps()) {
                events.add(new Object[] {e.id(), now, step.event(), truncate(step.detail(), 2000)});
            }
            events.add(new Object[] {e.id(), now, e.status(), truncate(e.detail(), 2000)});
        }
        Database.updateBatch(c, "UPDATE message SET status = ?, route = COALESCE(?, route), last_error = ?,"
                + " claimed_by = NULL, claimed_until = ?, updated_at = ? WHERE id = ?", updates);
        Database.updateBatch(c, "INSERT INTO message_event (message_pk, at, event, detail) VALUES (?,?,?,?)", events);
    }

    public Optional<MessageRecord> find(long id) {
        return db.queryOne("SELECT " + COLUMNS + FROM + " WHERE m.id = ?", MessageStore::map, id);
    }

    public Optional<MessageRecord> find(Direction direction, String messageId) {
        return db.queryOne("SELECT " + COLUMNS + FROM + " WHERE m.direction = ? AND m.message_id = ?",
                MessageStore::map, direction, messageId);
    }

    /** Sets status (and route, when given) and records the step in the journey. */
    public void updateStatus(long id, String status, String route, String detail) {
        db.inTransaction(c -> {
            Instant now = Instant.now();
            Database.update(c, "UPDATE message SET status = ?, route = COALESCE(?, route), last_error = ?,"
                    + " updated_at = ? WHERE id = ?", status, route, truncate(detail, 2000), now, id);
            Database.update(c, "INSERT INTO message_event (message_pk, at, event, detail) VALUES (?,?,?,?)",
                    id, now, status, truncate(detail, 2000));
            return null;
        });
    }

    /**
     * Ends a dispatch in one commit: status, route (when given), last_error = detail, the status step and
     * the given steps (e.g. one per routing target) in the journey, and the claim: cleared, its lease
     * ended at leaseEnded (a row back to RECEIVED for recovery to take) or null (done).
     */
    public void finishDispatch(long id, String status, String route, String detail, List<MessageEvent> steps,
            Instant leaseEnded) {
        db.inTransaction(c -> {
            finishDispatch(c, id, status, route, detail, steps, leaseEnded);
            return null;
        });
    }

    /** finishDispatch inside a caller's transaction (the dispatch status writer batches several). */
    public static void finishDispatch(Connection c, long id, String status, String route, String detail,
            List<MessageEvent> steps, Instant leaseEnded) throws SQLException {
        finishDispatch(c, List.of(new DispatchEnd(id, status, route, detail, steps, leaseEnded)));
    }

    /**
     * One send attempt of an outbound message, as a journey step: when, the HTTP status (0 = no answer)
     * or error, and the back-off chosen before the next try (null = none).
     */
    public void addAttempt(long id, int attempt, int httpStatus, String error, java.time.Duration backoff) {
        addEvent(id, "ATTEMPT", attemptDetail(attempt, httpStatus, error, backoff));
    }

    /** The ATTEMPT event's detail (also written in batch by the outbox when it marks a lane SENT). */
    public static String attemptDetail(int attempt, int httpStatus, String error, java.time.Duration backoff) {
        StringBuilder detail = new StringBuilder("attempt=").append(attempt)
                .append(" status=").append(httpStatus == 0 ? "none" : String.valueOf(httpStatus));
        if (error != null) {
            detail.append(" error=\"").append(error).append('"');
        }
        if (backoff != null) {
            detail.append(" backoffMs=").append(backoff.toMillis());
        }
        return truncate(detail.toString(), 2000);
    }

    /** Records a journey step without changing the status. */
    public void addEvent(long id, String event, String detail) {
        db.update("INSERT INTO message_event (message_pk, at, event, detail) VALUES (?,?,?,?)",
                id, Instant.now(), event, truncate(detail, 2000));
    }

    public List<MessageEvent> events(long id) {
        // an inbound message's RECEIVED step is its row's created_at (rows stored before V8 also have it as a row)
        // so is the UNROUTED of a message the intake's routing stored with that final status (no row either)
        return db.query("SELECT at, event, detail FROM (SELECT m.created_at AS at, 'RECEIVED' AS event,"
                + " CAST(NULL AS VARCHAR(2000)) AS detail, 0 AS step, CAST(0 AS BIGINT) AS seq FROM message m"
                + " WHERE m.id = ? AND m.direction = 'IN' AND NOT EXISTS (SELECT 1 FROM message_event f"
                + " WHERE f.message_pk = m.id AND f.event = 'RECEIVED')"
                + " UNION ALL SELECT m.created_at, 'UNROUTED', m.last_error, 0, CAST(1 AS BIGINT) FROM message m"
                + " WHERE m.id = ? AND m.direction = 'IN' AND m.status = 'UNROUTED' AND NOT EXISTS (SELECT 1"
                + " FROM message_event f WHERE f.message_pk = m.id AND f.event = 'UNROUTED')"
                + " UNION ALL SELECT at, event, detail, 1, id FROM message_event WHERE message_pk = ?) journey"
                + " ORDER BY step, seq",
                rs -> new MessageEvent(Database.instant(rs, "at"), rs.getString("event"), rs.getString("detail")),
                id, id, id);
    }

    public long countByStatus(Direction direction, String status) {
        return db.count("SELECT COUNT(*) FROM message WHERE direction = ? AND status = ?", direction, status);
    }

    /** Every row with this message id, whatever its direction (the journey view). */
    public List<MessageRecord> findByMessageId(String messageId) {
        return db.query("SELECT " + COLUMNS + FROM + " WHERE m.message_id = ? ORDER BY m.direction",
                MessageStore::map, messageId);
    }

    /** Row counts per (direction, document, status): the source of the message metrics. */
    public List<MessageCount> countsByDocument() {
        return db.query("SELECT direction, document_name, status, COUNT(*) FROM message"
                + " GROUP BY direction, document_name, status", rs -> new MessageCount(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
    }

    /** The creation time of the oldest row per (direction, status): how long the queue has waited. */
    public List<OldestMessage> oldestByStatus() {
        return db.query("SELECT direction, status, MIN(created_at) AS oldest FROM message GROUP BY direction, status",
                rs -> new OldestMessage(rs.getString(1), rs.getString(2), Database.instant(rs, "oldest")));
    }

    static MessageRecord map(ResultSet rs) throws SQLException {
        return new MessageRecord(rs.getLong("id"), Direction.valueOf(rs.getString("direction")),
                rs.getString("message_id"), rs.getString("document_name"), rs.getString("tenant_id"),
                rs.getString("from_logical_id"), rs.getString("to_logical_id"), rs.getString("parameters"),
                rs.getString("payload"), rs.getString("status"), rs.getString("route"), rs.getInt("attempts"),
                Database.instant(rs, "next_attempt_at"), rs.getString("last_error"),
                Database.instant(rs, "created_at"), Database.instant(rs, "updated_at"));
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
