package io.switchboard.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.HubProperties;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's pool, opened as early as the properties can be read, and its Flyway migration running on its own
 * thread meanwhile (start-up time: ~1 s of work on a fresh store that needs nothing of Camel's). Nothing may use
 * the store before {@link #awaitMigrated()} has returned; a failed migration fails the start, as before.
 */
public final class OpeningStore {

    public static final String BEAN = "openingStore";

    private static final Logger LOG = LoggerFactory.getLogger(OpeningStore.class);

    private final HikariDataSource dataSource;
    private final String printableUrl;
    private final CompletableFuture<MigrateResult> migration = new CompletableFuture<>();

    private OpeningStore(HikariDataSource dataSource, String printableUrl) {
        this.dataSource = dataSource;
        this.printableUrl = printableUrl;
    }

    /** Opens the pool from hub.db.* and starts migrating. */
    public static OpeningStore open(HubProperties props) {
        String url = props.get("hub.db.url");
        HikariDataSource dataSource = DataSourceFactory.create(url, props.get("hub.db.user"),
                props.secret("hub.db.password"), props.integer("hub.db.pool-size"),
                DataSourceFactory.Durability.from(props.get("hub.db.durability")));
        OpeningStore store = new OpeningStore(dataSource, DataSourceFactory.printable(url));
        // not a daemon: a JVM exiting early must not cut a migration short
        new Thread(store::migrate, "switchboard-store-migration").start();
        return store;
    }

    private void migrate() {
        try {
            MigrateResult result = Migrations.migrate(dataSource);
            LOG.info("event=store-migrated db={} migrationsApplied={} schemaVersion={}", printableUrl,
                    result.migrationsExecuted, result.targetSchemaVersion);
            migration.complete(result);
        } catch (Throwable e) {
            migration.completeExceptionally(e);
        }
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public String printableUrl() {
        return printableUrl;
    }

    /** Waits for the migration; rethrows its failure. */
    public void awaitMigrated() throws Exception {
        try {
            migration.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
