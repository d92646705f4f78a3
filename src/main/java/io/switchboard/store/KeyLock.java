package io.switchboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;

/**
 * One holder at a time per key (e.g. a chat room), across every hub instance on one PostgreSQL:
 * a session advisory lock, released by PostgreSQL itself when the holder's connection dies (crash).
 * Within the JVM a striped lock comes first, so waiting threads do not each hold a connection, and
 * at most half the pool is ever used to hold locks. On H2 (one instance only) the striped lock is enough.
 */
public class KeyLock {

    private static final int STRIPES = 64;

    private final Database db;
    private final int namespace;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final Semaphore lockConnections;

    /** namespace keeps the keys of different uses apart (pg_advisory_lock(int, int)). */
    public KeyLock(Database db, int namespace) {
        this.db = db;
        this.namespace = namespace;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        int pool = db.dataSource() instanceof HikariDataSource h ? h.getMaximumPoolSize() : 2;
        this.lockConnections = new Semaphore(Math.max(1, pool / 2));
    }

    public <T> T locked(String key, Supplier<T> work) {
        ReentrantLock local = stripes[Math.floorMod(key.hashCode(), STRIPES)];
        local.lock();
        try {
            return db.isPostgres() ? advisoryLocked(key, work) : work.get();
        } finally {
            local.unlock();
        }
    }

    /** Within a transaction on c: on PostgreSQL waits for the key and holds it until commit or rollback. */
    public static void lockForTransaction(Connection c, boolean postgres, int namespace, String key)
            throws SQLException {
        if (postgres) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                ps.setInt(1, namespace);
                ps.setInt(2, key.hashCode());
                ps.execute();
            }
        }
    }

    private <T> T advisoryLocked(String key, Supplier<T> work) {
        lockConnections.acquireUninterruptibly();
        Connection c = null;
        boolean unlocked = false;
        try {
            c = db.dataSource().getConnection();
            call(c, "SELECT pg_advisory_lock(?, ?)", key);
            try {
                return work.get();
            } finally {
                unlocked = tryUnlock(c, key);
            }
        } catch (SQLException e) {
            throw new StoreException("advisory lock", e);
        } finally {
            close(c, unlocked);
            lockConnections.release();
        }
    }

    private boolean tryUnlock(Connection c, String key) {
        try {
            call(c, "SELECT pg_advisory_unlock(?, ?)", key);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    // a connection that may still hold the lock never goes back to the pool: closing it frees the lock
    private void close(Connection c, boolean unlocked) {
        if (c == null) {
            return;
        }
        if (!unlocked && db.dataSource() instanceof HikariDataSource h) {
            h.evictConnection(c);
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // the pool drops a broken connection itself
        }
    }

    private void call(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, namespace);
            ps.setInt(2, key.hashCode());
            ps.execute();
        }
    }
}
