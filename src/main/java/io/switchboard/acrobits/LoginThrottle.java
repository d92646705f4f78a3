package io.switchboard.acrobits;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import io.switchboard.store.Database;
import io.switchboard.store.StoreException;

/**
 * Sliding-window failure counter per key ("user:…", "ip:…") kept in the database, so every hub
 * instance on one PostgreSQL shares it: after maxFailures attempts within the window the key is
 * refused until the oldest ages out. An attempt is reserved before the password is hashed (the key
 * row is locked while counting), so a burst of concurrent guesses gets at most maxFailures hashes.
 */
public class LoginThrottle {

    /** Attempt rows reserved for one sign-in; a success gives them back. */
    public record Reservation(List<Long> attemptIds) {
    }

    private static final int CLEAN_EVERY = 500;
    private static final int RESERVE_TRIES = 3;

    private final Database db;
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final AtomicInteger untilCleaning = new AtomicInteger(CLEAN_EVERY);

    public LoginThrottle(Database db, int maxFailures, Duration window, Clock clock) {
        this.db = db;
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** True when any of the keys has used up its attempts within the window. */
    public boolean isBlocked(String... keys) {
        Instant since = clock.instant().minus(window);
        for (String key : keys) {
            if (db.count("SELECT COUNT(*) FROM login_attempt WHERE throttle_key = ? AND at >= ?", key, since)
                    >= maxFailures) {
                return true;
            }
        }
        return false;
    }

    /**
     * Counts one attempt against every key, all or nothing: empty when a key is used up (answer 429
     * without hashing). Keys are locked in sorted order, so two sign-ins never deadlock.
     */
    public Optional<Reservation> reserve(String... keys) {
        cleanNowAndThen();
        TreeSet<String> sorted = new TreeSet<>(List.of(keys));
        sorted.forEach(this::ensureKeyRow);
        for (int attempt = 1; ; attempt++) {
            try {
                return db.inTransaction(c -> reserveLocked(c, sorted));
            } catch (KeyRowGone e) {
                // cleaning removed a key row between ensureKeyRow and the lock: create it again
                if (attempt >= RESERVE_TRIES) {
                    throw new IllegalStateException("throttle key row keeps disappearing: " + e.getMessage());
                }
                sorted.forEach(this::ensureKeyRow);
            }
        }
    }

    /** A successful sign-in: its reserved attempts are given back and the user's earlier failures forgotten. */
    public void succeeded(Reservation reservation, String userKey) {
        db.inTransaction(c -> {
            for (Long id : reservation.attemptIds()) {
                Database.update(c, "DELETE FROM login_attempt WHERE id = ?", id);
            }
            Database.update(c, "DELETE FROM login_attempt WHERE throttle_key = ?", userKey);
            return null;
        });
    }

    /** A failure found before any hashing (e.g. wrong shared secret). */
    public void recordFailure(String key) {
        db.insert("INSERT INTO login_attempt (throttle_key, at) VALUES (?, ?)", key, clock.instant());
    }

    /** Keys currently holding attempts within the window (operators see it as a queue depth). */
    public int trackedKeys() {
        return (int) db.count("SELECT COUNT(DISTINCT throttle_key) FROM login_attempt WHERE at >= ?",
                clock.instant().minus(window));
    }

    private Optional<Reservation> reserveLocked(Connection c, TreeSet<String> keys) throws SQLException {
        Instant now = clock.instant();
        Instant since = now.minus(window);
        for (String key : keys) {
            if (Database.query(c, "SELECT throttle_key FROM login_throttle_key WHERE throttle_key = ? FOR UPDATE",
                    rs -> rs.getString(1), key).isEmpty()) {
                throw new KeyRowGone(key);
            }
            long used = Database.query(c, "SELECT COUNT(*) FROM login_attempt WHERE throttle_key = ? AND at >= ?",
                    rs -> rs.getLong(1), key, since).get(0);
            if (used >= maxFailures) {
                return Optional.empty();
            }
        }
        List<Long> ids = new ArrayList<>(keys.size());
        for (String key : keys) {
            ids.add(Database.insert(c, "INSERT INTO login_attempt (throttle_key, at) VALUES (?, ?)", key, now));
        }
        return Optional.of(new Reservation(ids));
    }

    private void ensureKeyRow(String key) {
        try {
            db.update("INSERT INTO login_throttle_key (throttle_key) SELECT ? WHERE NOT EXISTS"
                    + " (SELECT 1 FROM login_throttle_key WHERE throttle_key = ?)", key, key);
        } catch (StoreException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            // another sign-in (maybe on another instance) created it at the same moment
        }
    }

    // expired attempts and idle keys go, so an address spray does not grow the tables for ever
    private void cleanNowAndThen() {
        if (untilCleaning.decrementAndGet() > 0) {
            return;
        }
        untilCleaning.set(CLEAN_EVERY);
        Instant since = clock.instant().minus(window);
        db.update("DELETE FROM login_attempt WHERE at < ?", since);
        db.update("DELETE FROM login_throttle_key WHERE NOT EXISTS"
                + " (SELECT 1 FROM login_attempt a WHERE a.throttle_key = login_throttle_key.throttle_key)");
    }

    private static final class KeyRowGone extends RuntimeException {
        KeyRowGone(String key) {
            super(key);
        }
    }
}
