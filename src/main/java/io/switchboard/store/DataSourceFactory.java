package io.switchboard.store;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.Secret;

/** Builds the pooled DataSource for hub.db.url (H2 file by default, PostgreSQL in production). */
public final class DataSourceFactory {

    private DataSourceFactory() {
    }

    public static HikariDataSource create(String url, String user, Secret password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("switchboard-db");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password.reveal());
        config.setMaximumPoolSize(poolSize);
        config.setAutoCommit(true);
        // fail start-up fast with a clear message instead of hanging on an unreachable database
        config.setInitializationFailTimeout(10_000);
        config.setConnectionTimeout(5_000);
        return new HikariDataSource(config);
    }

    /** The URL as it may be logged: no password parameter. */
    public static String printable(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1****");
    }

}
