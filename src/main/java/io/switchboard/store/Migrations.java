package io.switchboard.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs the Flyway migrations in db/migration (the same files serve H2 and PostgreSQL), then those of
 * db/vendor/h2 or db/vendor/postgresql: settings that exist on both but must differ (e.g. H2's identity caches).
 */
public final class Migrations {

    private Migrations() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor(dataSource))
                .load()
                .migrate();
    }

    private static String vendor(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            return product.contains("postgres") ? "postgresql" : "h2";
        } catch (SQLException e) {
            throw new StoreException("cannot tell the database's vendor", e);
        }
    }
}
