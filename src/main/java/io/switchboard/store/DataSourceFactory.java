package io.switchboard.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the pooled DataSource for hub.db.url (H2 file by default, PostgreSQL in production) and enforces
 * "acknowledged means on disk" whatever the URL says: H2 runs with WRITE_DELAY=0 (its default 500 ms
 * delay loses committed rows on kill -9), PostgreSQL sessions with synchronous_commit=on, and a server
 * with fsync=off is refused. hub.db.durability=relaxed is the explicit, logged opt-out.
 */
public final class DataSourceFactory {

    /** hub.db.durability: strict (default) enforces the settings above; relaxed leaves the URL as given. */
    public enum Durability {
        STRICT, RELAXED;

        /** From hub.db.durability; empty means strict. */
        public static Durability from(String value) {
            if (value == null || value.isBlank()) {
                return STRICT;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hub.db.durability must be strict or relaxed, was '" + value + "'");
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(DataSourceFactory.class);

    private DataSourceFactory() {
    }

    public static HikariDataSource create(String url, String user, Secret password, int poolSize) {
        return create(url, user, password, poolSize, Durability.STRICT);
    }

    public static HikariDataSource create(String url, String user, Secret password, int poolSize,
            Durability durability) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("switchboard-db");
        String effective = durability == Durability.STRICT ? durableUrl(url) : url;
        config.setJdbcUrl(effective);
        config.setUsername(user);
        config.setPassword(password.reveal());
        config.setMaximumPoolSize(poolSize);
        config.setAutoCommit(true);
        // fail start-up fast with a clear message instead of hanging on an unreachable database
        config.setInitializationFailTimeout(10_000);
        config.setConnectionTimeout(5_000);
        boolean postgres = url.startsWith("jdbc:postgresql:");
        if (postgres && durability == Durability.STRICT) {
            // any session may turn it off (URL options, role or database defaults): every pooled one turns it on
            config.setConnectionInitSql("SET synchronous_commit TO on");
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            if (postgres && durability == Durability.STRICT) {
                refuseWithoutFsync(dataSource);
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        if (durability == Durability.RELAXED) {
            LOG.warn("event=store-durability-relaxed db={} effect=\"acknowledged messages may be lost on a crash;"
                    + " remove hub.db.durability=relaxed to enforce durable commits\"", printable(url));
        } else if (!effective.equals(url)) {
            LOG.info("event=store-durability-enforced db={} settings=WRITE_DELAY=0,DB_CLOSE_ON_EXIT=FALSE,MAX_COMPACT_TIME", printable(effective));
        }
        return dataSource;
    }

    /** How long H2 may compact its file when the hub closes the store at a graceful stop (unless the URL says). */
    static final int COMPACT_AT_CLOSE_MILLIS = 2000;

    /**
     * The H2 URL with WRITE_DELAY=0 and DB_CLOSE_ON_EXIT=FALSE (other values of both removed) and, unless the URL
     * sets it, MAX_COMPACT_TIME=COMPACT_AT_CLOSE_MILLIS; other URLs, and
     * in-memory H2, unchanged. DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook must not close the database
     * under in-flight dispatches on SIGTERM (they failed "Database is already closed" and ended DEAD); the
     * hub closes the pool itself after Camel has stopped.
     */
    public static String durableUrl(String url) {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")) {
            return url;
        }
        StringBuilder kept = new StringBuilder();
        String[] parts = url.split(";");
        boolean autoServer = false;
        boolean compactTime = false;
        for (int i = 0; i < parts.length; i++) {
            String option = parts[i].trim().toUpperCase(Locale.ROOT);
            autoServer |= i > 0 && option.equals("AUTO_SERVER=TRUE");
            compactTime |= i > 0 && option.startsWith("MAX_COMPACT_TIME=");
            if (i > 0 && (option.startsWith("WRITE_DELAY=") || option.startsWith("DB_CLOSE_ON_EXIT="))) {
                continue;
            }
            if (i > 0) {
                kept.append(';');
            }
            kept.append(parts[i]);
        }
        // a graceful stop leaves a compact file: H2's 200 ms at close left a burst's old chunks (15 KB per message)
        if (!compactTime) {
            kept.append(";MAX_COMPACT_TIME=").append(COMPACT_AT_CLOSE_MILLIS);
        }
        // H2 refuses AUTO_SERVER with DB_CLOSE_ON_EXIT=FALSE; there a stop's cut dispatches stay claimed and recover
        return kept.append(autoServer ? ";WRITE_DELAY=0" : ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE").toString();
    }

    private static void refuseWithoutFsync(HikariDataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String fsync = show(s, "fsync");
            if (!"on".equalsIgnoreCase(fsync)) {
                throw new IllegalStateException("PostgreSQL runs with fsync=" + fsync + ": a commit the hub"
                        + " acknowledges can be lost. Set fsync=on in postgresql.conf, or set hub.db.durability=relaxed"
                        + " to accept that explicitly.");
            }
            String synchronousCommit = show(s, "synchronous_commit");
            if ("off".equalsIgnoreCase(synchronousCommit)) {
                throw new IllegalStateException("PostgreSQL session runs with synchronous_commit=off although the"
                        + " hub set it on; set synchronous_commit=on, or hub.db.durability=relaxed to accept the risk.");
            }
        } catch (SQLException e) {
            throw new StoreException("SHOW fsync", e);
        }
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    /** The URL as it may be logged: no password parameter. */
    public static String printable(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1****");
    }

}
