package io.switchboard.alert;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.switchboard.store.Database;
import io.switchboard.store.KeyLock;
import io.switchboard.store.LockNamespaces;

/**
 * The alert table: alerts wait here (QUEUED) until Pushover takes them, so they survive restarts
 * and quota pauses. Identical dedup keys fold into one row (occurrences + 1).
 */
public class AlertStore {

    public static final String QUEUED = "QUEUED";
    /** Claimed by a sender; next_attempt_at is the lease end, after which another poll reclaims it. */
    public static final String SENDING = "SENDING";
    public static final String SENT = "SENT";
    public static final String DEAD = "DEAD";
    /** Pushover disabled: written to the log instead. */
    public static final String LOGGED = "LOGGED";
    /** Held through a quota pause and delivered as part of one summary alert. */
    public static final String SUMMARISED = "SUMMARISED";

    private static final String COLUMNS = "id, dedup_key, title, message, priority, url, url_title, sound,"
            + " recipient, occurrences, status, attempts, first_at, last_at";

    private final Database db;
    // one writer at a time per hub, so two alerts with a new key never both insert a row; across
    // instances on PostgreSQL an advisory lock per dedup key does the same
    private final ReentrantLock lock = new ReentrantLock();

    public AlertStore(Database db) {
        this.db = db;
    }

    /**
     * Queues an alert, or folds it into the queued row with the same key. A new row for a key that was
     * delivered less than window ago waits until window has passed, so each key costs at most one
     * Pushover request per window. Returns the row id and whether it is new.
     */
    public Recorded record(Alert alert, Instant now, Duration window) {
        return record(alert, now, window, 1);
    }

    /** As record(alert, now, window) for occurrences identical alerts at once (folded in memory before). */
    public Recorded record(Alert alert, Instant now, Duration window, int occurrences) {
        lock.lock();
        try {
            return db.inTransaction(c -> {
                KeyLock.lockForTransaction(c, db.isPostgres(), LockNamespaces.ALERT_DEDUP_KEY, alert.dedupKey());
                List<Long> queued = Database.query(c, "SELECT id FROM alert WHERE dedup_key = ? AND status = ?"
                        + " ORDER BY id DESC LIMIT 1", rs -> rs.getLong(1), alert.dedupKey(), QUEUED);
                if (!queued.isEmpty()) {
                    Database.update(c, "UPDATE alert SET occurrences = occurrences + ?, last_at = ? WHERE id = ?",
                            occurrences, now, queued.get(0));
                    return new Recorded(queued.get(0), false);
                }
                List<Instant> previous = Database.query(c, "SELECT COALESCE(sent_at, last_at) AS ref FROM alert"
                        + " WHERE dedup_key = ? AND status <> ? ORDER BY id DESC LIMIT 1",
                        rs -> Database.instant(rs, "ref"), alert.dedupKey(), QUEUED);
                Instant due = now;
                if (!previous.isEmpty() && previous.get(0) != null && previous.get(0).plus(window).isAfter(now)) {
                    due = previous.get(0).plus(window);
                }
                long id = Database.insert(c, "INSERT INTO alert (dedup_key, title, message, priority, url, url_title,"
                        + " sound, recipient, occurrences, status, attempts, next_attempt_at, first_at, last_at)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,0,?,?,?)",
                        alert.dedupKey(), alert.title(), alert.message(), alert.priority(), alert.url(),
                        alert.urlTitle(), alert.sound(), alert.recipient(), occurrences, QUEUED, due, now, now);
                return new Recorded(id, true);
            });
        } finally {
            lock.unlock();
        }
    }

    /** Claims up to limit due rows (and rows whose lease ran out) for sending, highest priority first. */
    public List<QueuedAlert> claimDue(Instant now, int limit, Duration lease) {
        lock.lock();
        try {
            return db.inTransaction(c -> claim(c, now, limit, lease));
        } finally {
            lock.unlock();
        }
    }

    /**
     * What the Pushover sender takes now, in one transaction holding the peer_pause row of pausePeer, so
     * instances take turns: nothing while the quota pause lasts; right after it, one instance replaces the
     * waiting rows by a summary (when at least summaryThreshold wait) before anyone claims them one by one.
     */
    public List<QueuedAlert> claimUnlessPaused(String pausePeer, Instant now, int limit, Duration lease,
            int summaryThreshold, Function<List<QueuedAlert>, Alert> summary) {
        lock.lock();
        try {
            return db.inTransaction(c -> {
                List<Boolean> summaryDue = Database.query(c, "SELECT CASE WHEN paused_until > ? THEN NULL"
                        + " ELSE summary_due END AS due FROM peer_pause WHERE peer = ? FOR UPDATE",
                        rs -> rs.getObject("due") == null ? null : rs.getBoolean("due"), now, pausePeer);
                if (!summaryDue.isEmpty() && summaryDue.get(0) == null) {
                    return List.<QueuedAlert>of();
                }
                if (!summaryDue.isEmpty() && summaryDue.get(0)) {
                    Database.update(c, "UPDATE peer_pause SET summary_due = FALSE WHERE peer = ?", pausePeer);
                    List<Long> waiting = dueIds(c, now, Integer.MAX_VALUE);
                    if (waiting.size() >= summaryThreshold) {
                        return summarise(c, waiting, now, lease, summary).map(List::of).orElse(List.of());
                    }
                }
                return claim(c, now, limit, lease);
            });
        } finally {
            lock.unlock();
        }
    }

    private static List<QueuedAlert> claim(Connection c, Instant now, int limit, Duration lease) throws SQLException {
        List<Long> ids = dueIds(c, now, limit);
        for (Long id : ids) {
            Database.update(c, "UPDATE alert SET status = ?, next_attempt_at = ? WHERE id = ?",
                    SENDING, now.plus(lease), id);
        }
        return rows(c, ids);
    }

    /** Number of rows waiting to be sent now. */
    public long countDue(Instant now) {
        return db.count("SELECT COUNT(*) FROM alert WHERE status = ? AND next_attempt_at <= ?", QUEUED, now);
    }

    /**
     * Replaces every due row by one summary row (claimed for sending): after a quota pause, one request
     * says what happened instead of one per alert. The summary text is built from the rows by summary.
     */
    public Optional<QueuedAlert> summariseDue(Instant now, Duration lease, Function<List<QueuedAlert>, Alert> summary) {
        lock.lock();
        try {
            return db.inTransaction(c -> summarise(c, dueIds(c, now, Integer.MAX_VALUE), now, lease, summary));
        } finally {
            lock.unlock();
        }
    }

    private static Optional<QueuedAlert> summarise(Connection c, List<Long> ids, Instant now, Duration lease,
            Function<List<QueuedAlert>, Alert> summary) throws SQLException {
        if (ids.isEmpty()) {
            return Optional.<QueuedAlert>empty();
        }
        List<QueuedAlert> rows = rows(c, ids);
        Alert s = summary.apply(rows);
        Instant firstAt = rows.stream().map(QueuedAlert::firstAt).min(Instant::compareTo).orElse(now);
        long id = Database.insert(c, "INSERT INTO alert (dedup_key, title, message, priority, url, url_title,"
                + " sound, recipient, occurrences, status, attempts, next_attempt_at, first_at, last_at)"
                + " VALUES (?,?,?,?,?,?,?,?,1,?,0,?,?,?)",
                s.dedupKey(), s.title(), s.message(), s.priority(), s.url(), s.urlTitle(), s.sound(),
                s.recipient(), SENDING, now.plus(lease), firstAt, now);
        for (Long rowId : ids) {
            Database.update(c, "UPDATE alert SET status = ?, sent_at = ?, last_error = ? WHERE id = ?",
                    SUMMARISED, now, "summarised in alert " + id, rowId);
        }
        return Optional.of(rows(c, List.of(id)).get(0));
    }

    public void markSent(long id, Instant now) {
        db.update("UPDATE alert SET status = ?, sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
                SENT, now, id);
    }

    public void markLogged(long id, Instant now) {
        db.update("UPDATE alert SET status = ?, sent_at = ? WHERE id = ?", LOGGED, now, id);
    }

    public void markDead(long id, String error) {
        db.update("UPDATE alert SET status = ?, attempts = attempts + 1, last_error = ? WHERE id = ?",
                DEAD, truncate(error), id);
    }

    /** A failed attempt: back to the queue, not before nextAttempt. */
    public void retryLater(long id, Instant nextAttempt, String error) {
        db.update("UPDATE alert SET status = ?, attempts = attempts + 1, next_attempt_at = ?, last_error = ?"
                + " WHERE id = ?", QUEUED, nextAttempt, truncate(error), id);
    }

    /** Not sent and not an attempt (no free connection slot): back to the queue, due now, error kept. */
    public void giveBack(long id, Instant now) {
        db.update("UPDATE alert SET status = ?, next_attempt_at = ? WHERE id = ? AND status = ?", QUEUED, now, id,
                SENDING);
    }

    /** Not an attempt (quota exhausted): back to the queue as it was, due at notBefore. */
    public void requeue(long id, Instant notBefore, String reason) {
        db.update("UPDATE alert SET status = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
                QUEUED, notBefore, truncate(reason), id);
    }

    public long countByStatus(String status) {
        return db.count("SELECT COUNT(*) FROM alert WHERE status = ?", status);
    }

    public Optional<QueuedAlert> find(long id) {
        return db.queryOne("SELECT " + COLUMNS + " FROM alert WHERE id = ?", AlertStore::map, id);
    }

    public List<QueuedAlert> findByKey(String dedupKey) {
        return db.query("SELECT " + COLUMNS + " FROM alert WHERE dedup_key = ? ORDER BY id", AlertStore::map, dedupKey);
    }

    private static List<Long> dueIds(Connection c, Instant now, int limit) throws SQLException {
        // SKIP LOCKED: several hub instances on one PostgreSQL never claim the same row
        return Database.query(c, "SELECT id FROM alert WHERE status IN (?, ?) AND next_attempt_at <= ?"
                + " ORDER BY priority DESC, id LIMIT ? FOR UPDATE SKIP LOCKED",
                rs -> rs.getLong(1), QUEUED, SENDING, now, limit);
    }

    private static List<QueuedAlert> rows(Connection c, List<Long> ids) throws SQLException {
        List<QueuedAlert> rows = new ArrayList<>(ids.size());
        for (Long id : ids) {
            rows.addAll(Database.query(c, "SELECT " + COLUMNS + " FROM alert WHERE id = ?", AlertStore::map, id));
        }
        return rows;
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }

    static QueuedAlert map(ResultSet rs) throws SQLException {
        return new QueuedAlert(rs.getLong("id"), rs.getString("dedup_key"), rs.getString("title"),
                rs.getString("message"), rs.getInt("priority"), rs.getString("url"), rs.getString("url_title"),
                rs.getString("sound"), rs.getString("recipient"), rs.getInt("occurrences"), rs.getString("status"),
                rs.getInt("attempts"), Database.instant(rs, "first_at"), Database.instant(rs, "last_at"));
    }

    /** Where an alert went: its row, and whether the row is new (false = folded into a queued one). */
    public record Recorded(long id, boolean created) {
    }
}
