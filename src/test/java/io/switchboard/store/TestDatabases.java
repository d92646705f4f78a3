package io.switchboard.store;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.Secret;
import io.switchboard.TestHub;

/**
 * The two databases every store test runs on: an H2 file and the real PostgreSQL that `make test`
 * starts (system property switchboard.test.pg.url). Each call gets a fresh, empty schema.
 */
public final class TestDatabases {

    public static final String PG_URL_PROPERTY = "switchboard.test.pg.url";

    private TestDatabases() {
    }

    /** Names for @MethodSource: "h2" and "postgres". */
    public static Stream<String> both() {
        return Stream.of("h2", "postgres");
    }

    public static HikariDataSource open(String kind) {
        return switch (kind) {
            case "h2" -> DataSourceFactory.create(h2Url(), "switchboard", Secret.of(""), 10);
            case "postgres" -> DataSourceFactory.create(freshPostgresSchema(), null, Secret.of(""), 10);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** A fresh database of that kind with the hub's migrations applied. */
    public static HikariDataSource migrated(String kind) {
        HikariDataSource ds = open(kind);
        Migrations.migrate(ds);
        return ds;
    }

    public static String h2Url() {
        return "jdbc:h2:file:" + TestHub.tempDir().resolve("store") + ";WRITE_DELAY=0";
    }

    /** A JDBC URL whose default schema is new and empty; fails (never skips) without PostgreSQL. */
    public static String freshPostgresSchema() {
        String base = System.getProperty(PG_URL_PROPERTY, "");
        if (base.isBlank()) {
            fail("PostgreSQL is required: run `make test` (it starts PostgreSQL and sets -D"
                    + PG_URL_PROPERTY + "=jdbc:postgresql://…)");
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            fail("PostgreSQL at " + DataSourceFactory.printable(base) + " is not usable: " + e.getMessage());
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Every migration before the given version (whichever exist on this branch): a store from before that change. */
    static void migrateToJustBefore(HikariDataSource ds, String version) {
        org.flywaydb.core.api.MigrationVersion next = org.flywaydb.core.api.MigrationVersion.fromVersion(version);
        org.flywaydb.core.api.MigrationVersion before = java.util.Arrays.stream(org.flywaydb.core.Flyway.configure()
                        .dataSource(ds).locations("classpath:db/migration").load().info().all())
                .map(org.flywaydb.core.api.MigrationInfo::getVersion).filter(v -> v.compareTo(next) < 0)
                .max(org.flywaydb.core.api.MigrationVersion::compareTo).orElseThrow();
        org.flywaydb.core.Flyway.configure().dataSource(ds).locations("classpath:db/migration").target(before).load()
                .migrate();
    }
}
