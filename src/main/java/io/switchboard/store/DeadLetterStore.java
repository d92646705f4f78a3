package io.switchboard.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The dead_letter table: what could not be delivered, kept whole for replay. */
public class DeadLetterStore {

    public static final String DEAD = "DEAD";
    /** Claimed by a replay in progress; nobody else may replay or discard it. */
    public static final String REPLAYING = "REPLAYING";
    public static final String REPLAYED = "REPLAYED";
    public static final String DISCARDED = "DISCARDED";
    /** History actions (dead_letter_event.action). */
    public static final String REPLAY_FAILED = "REPLAY_FAILED";

    private static final String COLUMNS = "id, message_pk, message_id, document_name, route_id, endpoint_uri,"
            + " reason, exception_summary, headers, body, attempts, status, created_at, updated_at";

    private final Database db;

    public DeadLetterStore(Database db) {
        this.db = db;
    }

    /**
     * Records a dead letter (status DEAD) and returns its id; when it belongs to a message row, the
     * message's journey gets a DEAD_LETTER step in the same commit.
     */
    public long record(Long messagePk, String messageId, String documentName, String routeId, String endpointUri,
            String reason, String exceptionSummary, String headersJson, String body, int attempts) {
        return db.inTransaction(c -> {
            Instant now = Instant.now();
            long id = Database.insert(c, "INSERT INTO dead_letter (message_pk, message_id, document_name, route_id,"
                    + " endpoint_uri, reason, exception_summary, headers, body, attempts, status, created_at,"
                    + " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    messagePk, messageId, documentName, routeId, endpointUri,
                    MessageStore.truncate(reason, 2000), MessageStore.truncate(exceptionSummary, 4000),
                    headersJson, body, attempts, DEAD, now, now);
            if (messagePk != null) {
                journeyStep(c, messagePk, "DEAD_LETTER", "dead letter " + id + " in " + routeId + ": " + reason, now);
            }
            return id;
        });
    }

    public Optional<DeadLetterRecord> find(long id) {
        return db.queryOne("SELECT " + COLUMNS + " FROM dead_letter WHERE id = ?", DeadLetterStore::map, id);
    }

    public List<DeadLetterRecord> findByStatus(String status, int limit) {
        return db.query("SELECT " + COLUMNS + " FROM dead_letter WHERE status = ? ORDER BY id LIMIT ?",
                DeadLetterStore::map, status, limit);
    }

    public long countByStatus(String status) {
        return db.count("SELECT COUNT(*) FROM dead_letter WHERE status = ?", status);
    }

    /** A page of dead letters matching the filter, newest first. */
    public List<DeadLetterRecord> list(DeadLetterFilter filter, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = filter.where(params);
        params.add(limit);
        params.add(offset);
        return db.query("SELECT " + COLUMNS + " FROM dead_letter" + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                DeadLetterStore::map, params.toArray());
    }

    public long count(DeadLetterFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = filter.where(params);
        return db.count("SELECT COUNT(*) FROM dead_letter" + where, params.toArray());
    }

    /** Ids of the DEAD letters matching the filter, oldest first (replay order). */
    public List<Long> deadIds(DeadLetterFilter filter, int limit) {
        List<Object> params = new ArrayList<>();
        String where = filter.withStatus(DEAD).where(params);
        params.add(limit);
        return db.query("SELECT id FROM dead_letter" + where + " ORDER BY id LIMIT ?", rs -> rs.getLong(1),
                params.toArray());
    }

    /** The dead letters of one message row or message id, oldest first. */
    public List<DeadLetterRecord> forMessage(long messagePk, String messageId) {
        return db.query("SELECT " + COLUMNS + " FROM dead_letter WHERE message_pk = ? OR (message_pk IS NULL"
                + " AND message_id = ?) ORDER BY id", DeadLetterStore::map, messagePk, messageId);
    }

    /** Row count per status, e.g. {DEAD=3, REPLAYED=1}. */
    public Map<String, Long> countsByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        db.query("SELECT status, COUNT(*) FROM dead_letter GROUP BY status ORDER BY status",
                rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
    }

    /**
     * Claims a DEAD letter for one replay: the conditional UPDATE lets exactly one caller win, so
     * concurrent replays of the same id (or of a dead letter already replayed) never send twice.
     */
    public boolean claimForReplay(long id) {
        return db.update("UPDATE dead_letter SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                REPLAYING, Instant.now(), id, DEAD) == 1;
    }

    /** Ends a claimed replay: REPLAYED on success, back to DEAD on failure; either way with history. */
    public void finishReplay(long id, boolean delivered, String actor, String detail) {
        db.inTransaction(c -> {
            Instant now = Instant.now();
            Database.update(c, "UPDATE dead_letter SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                    delivered ? REPLAYED : DEAD, now, id, REPLAYING);
            addEvent(c, id, delivered ? REPLAYED : REPLAY_FAILED, actor, detail, now);
            messageStep(c, id, delivered ? "DEAD_LETTER_REPLAYED" : "DEAD_LETTER_REPLAY_FAILED", detail, now);
            if (delivered) {
                settleInbound(c, id, now);
            }
            return null;
        });
    }

    /**
     * An inbound message that was PARTIAL or DEAD because of its targets' dead letters is ROUTED once the
     * last of them has been replayed (none left DEAD or REPLAYING).
     */
    private static void settleInbound(Connection c, long deadLetterId, Instant at) throws SQLException {
        List<Long> pk = Database.query(c, "SELECT message_pk FROM dead_letter WHERE id = ? AND message_pk IS NOT NULL",
                rs -> rs.getLong(1), deadLetterId);
        if (pk.isEmpty()) {
            return;
        }
        int settled = Database.update(c, "UPDATE message SET status = 'ROUTED', last_error = NULL, updated_at = ?"
                + " WHERE id = ? AND direction = 'IN' AND status IN ('PARTIAL', 'DEAD') AND NOT EXISTS (SELECT 1"
                + " FROM dead_letter d WHERE d.message_pk = ? AND d.status IN (?, ?))", at, pk.get(0), pk.get(0),
                DEAD, REPLAYING);
        if (settled == 1) {
            journeyStep(c, pk.get(0), "ROUTED", "every failed target delivered by replay", at);
        }
    }

    /**
     * A replay queued a new message (e.g. an outbound BOD re-entering direct:ion-outbound): each journey
     * names the other, so the story can be followed both ways.
     */
    public void linkReplay(long deadLetterId, Direction direction, String newMessageId) {
        db.inTransaction(c -> {
            Instant now = Instant.now();
            List<Long> fresh = Database.query(c, "SELECT id FROM message WHERE direction = ? AND message_id = ?",
                    rs -> rs.getLong(1), direction, newMessageId);
            List<String[]> original = Database.query(c, "SELECT message_pk, message_id FROM dead_letter WHERE id = ?",
                    rs -> new String[] {rs.getString(1), rs.getString(2)}, deadLetterId);
            if (fresh.isEmpty() || original.isEmpty() || newMessageId.equals(original.get(0)[1])) {
                return null;
            }
            journeyStep(c, fresh.get(0), "REPLAY_OF", "replay of dead letter " + deadLetterId + " of message "
                    + original.get(0)[1], now);
            if (original.get(0)[0] != null) {
                journeyStep(c, Long.parseLong(original.get(0)[0]), "REPLAYED_AS", "dead letter " + deadLetterId
                        + " replayed as message " + newMessageId, now);
            }
            return null;
        });
    }

    /**
     * A replayed message failed again inside its route: update the claimed row (reason, attempts) instead
     * of recording a second dead letter. False when the row is not being replayed.
     */
    public boolean recordReplayFailure(long id, String reason, String exceptionSummary, int attempts) {
        return db.update("UPDATE dead_letter SET reason = ?, exception_summary = ?, attempts = attempts + ?,"
                + " updated_at = ? WHERE id = ? AND status = ?", MessageStore.truncate(reason, 2000),
                MessageStore.truncate(exceptionSummary, 4000), attempts, Instant.now(), id, REPLAYING) == 1;
    }

    /** Discards a DEAD letter with the operator's reason; false when it is not DEAD (any more). */
    public boolean discard(long id, String actor, String reason) {
        return db.inTransaction(c -> {
            Instant now = Instant.now();
            int changed = Database.update(c, "UPDATE dead_letter SET status = ?, updated_at = ? WHERE id = ?"
                    + " AND status = ?", DISCARDED, now, id, DEAD);
            if (changed == 1) {
                addEvent(c, id, DISCARDED, actor, reason, now);
                messageStep(c, id, "DEAD_LETTER_DISCARDED", reason, now);
            }
            return changed == 1;
        });
    }

    /** Claims older than the age belong to a replay that died with its JVM: make them DEAD again. */
    public int releaseStaleClaims(Duration age) {
        return db.update("UPDATE dead_letter SET status = ?, updated_at = ? WHERE status = ? AND updated_at < ?",
                DEAD, Instant.now(), REPLAYING, Instant.now().minus(age));
    }

    public List<DeadLetterEvent> events(long id) {
        return db.query("SELECT at, action, actor, detail FROM dead_letter_event WHERE dead_letter_id = ?"
                + " ORDER BY id", rs -> new DeadLetterEvent(Database.instant(rs, "at"), rs.getString("action"),
                rs.getString("actor"), rs.getString("detail")), id);
    }

    private static void addEvent(Connection c, long id, String action, String actor, String detail,
            Instant at) throws SQLException {
        Database.update(c, "INSERT INTO dead_letter_event (dead_letter_id, at, action, actor, detail)"
                + " VALUES (?,?,?,?,?)", id, at, action, MessageStore.truncate(actor, 200),
                MessageStore.truncate(detail, 2000));
    }

    /** Mirrors a dead letter's step into its message's journey, when it has a message row. */
    private static void messageStep(Connection c, long deadLetterId, String event, String detail,
            Instant at) throws SQLException {
        List<Long> pk = Database.query(c, "SELECT message_pk FROM dead_letter WHERE id = ? AND message_pk IS NOT NULL",
                rs -> rs.getLong(1), deadLetterId);
        if (!pk.isEmpty()) {
            journeyStep(c, pk.get(0), event, "dead letter " + deadLetterId + ": " + detail, at);
        }
    }

    private static void journeyStep(Connection c, long messagePk, String event, String detail, Instant at)
            throws SQLException {
        Database.update(c, "INSERT INTO message_event (message_pk, at, event, detail) VALUES (?,?,?,?)",
                messagePk, at, event, MessageStore.truncate(detail, 2000));
    }

    static DeadLetterRecord map(ResultSet rs) throws SQLException {
        long pk = rs.getLong("message_pk");
        Long messagePk = rs.wasNull() ? null : pk;
        return new DeadLetterRecord(rs.getLong("id"), messagePk, rs.getString("message_id"),
                rs.getString("document_name"), rs.getString("route_id"), rs.getString("endpoint_uri"),
                rs.getString("reason"), rs.getString("exception_summary"), rs.getString("headers"),
                rs.getString("body"), rs.getInt("attempts"), rs.getString("status"),
                Database.instant(rs, "created_at"), Database.instant(rs, "updated_at"));
    }
}
