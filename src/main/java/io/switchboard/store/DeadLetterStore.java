package io.switchboard.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The dead_letter table: what could not be delivered, kept whole for replay. */
public class DeadLetterStore {

    public static final String DEAD = "DEAD";

    private static final String COLUMNS = "id, message_pk, message_id, document_name, route_id, endpoint_uri,"
            + " reason, exception_summary, headers, body, attempts, status, created_at, updated_at";

    private final Database db;

    public DeadLetterStore(Database db) {
        this.db = db;
    }

    /** Records a dead letter (status DEAD) and returns its id. */
    public long record(Long messagePk, String messageId, String documentName, String routeId, String endpointUri,
            String reason, String exceptionSummary, String headersJson, String body, int attempts) {
        Instant now = Instant.now();
        return db.insert("INSERT INTO dead_letter (message_pk, message_id, document_name, route_id, endpoint_uri,"
                + " reason, exception_summary, headers, body, attempts, status, created_at, updated_at)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                messagePk, messageId, documentName, routeId, endpointUri,
                MessageStore.truncate(reason, 2000), MessageStore.truncate(exceptionSummary, 4000),
                headersJson, body, attempts, DEAD, now, now);
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
