package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same migrations and store calls on H2 and on PostgreSQL. */
class StoreMigrationsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void migrationsCreateEveryTableAndAreIdempotent(String kind) throws Exception {
        try (HikariDataSource ds = TestDatabases.open(kind)) {
            MigrateResult first = Migrations.migrate(ds);
            MigrateResult second = Migrations.migrate(ds);

            assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(1);
            assertThat(second.migrationsExecuted).isZero();
            assertThat(tables(ds)).contains("message", "message_event", "dead_letter", "dead_letter_event",
                    "directory_user", "directory_phone", "directory_sms_number", "chat_room", "chat_room_member",
                    "alert");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void journeyIdsComeFromALargeCacheOnH2AndStayInOrderAcrossConnectionsOnPostgres(String kind) throws Exception {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            assertThat(tables(ds)).contains("outbox_lease");
            Database db = new Database(ds);
            if (kind.toLowerCase(Locale.ROOT).contains("h2")) {
                // a cache of 32 made H2 commit the sequence (a store of every changed page) every 32 journey rows
                assertThat(db.count("SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME ="
                        + " 'MESSAGE_EVENT' AND COLUMN_NAME = 'ID'")).isEqualTo(4096);
            } else {
                assertThat(db.count("SELECT seqcache FROM pg_sequence WHERE seqrelid ="
                        + " pg_get_serial_sequence('message_event', 'id')::regclass")).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void sameMessageIdTwiceIsStoredOnce(String kind) {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            MessageStore store = new MessageStore(new Database(ds));
            MessageRecord m = MessageRecord.newMessage(Direction.IN, "m-1", "SyncSalesOrder", "ACME_TST",
                    "lid://from", "lid://to", "{\"documentName\":\"SyncSalesOrder\"}", "<SyncSalesOrder/>",
                    "RECEIVED");

            assertThat(store.insert(m)).isPresent();
            assertThat(store.insert(m)).isEmpty();
            assertThat(store.insert(MessageRecord.newMessage(Direction.OUT, "m-1", "SyncSalesOrder", null, null,
                    null, null, "<x/>", "QUEUED"))).as("same id, other direction").isPresent();

            MessageRecord stored = store.find(Direction.IN, "m-1").orElseThrow();
            assertThat(stored.payload()).isEqualTo("<SyncSalesOrder/>");
            assertThat(stored.tenantId()).isEqualTo("ACME_TST");
            assertThat(stored.createdAt()).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void statusChangesAreKeptAsTheMessageJourney(String kind) {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            MessageStore store = new MessageStore(new Database(ds));
            long id = store.insert(MessageRecord.newMessage(Direction.IN, "m-2", "SyncContactMaster", null, null,
                    null, null, "<a/>", "RECEIVED")).orElseThrow();

            store.updateStatus(id, "ROUTED", "direct:directory-update", null);

            assertThat(store.find(id).orElseThrow().status()).isEqualTo("ROUTED");
            assertThat(store.events(id)).extracting(MessageEvent::event).containsExactly("RECEIVED", "ROUTED");
            assertThat(store.countByStatus(Direction.IN, "ROUTED")).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void deadLetterKeepsTheOriginalBodyAndRoute(String kind) {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            DeadLetterStore store = new DeadLetterStore(new Database(ds));

            long id = store.record(null, "m-3", "SyncSalesOrder", "ion-dispatch", "seda:ion-dispatch",
                    "IllegalStateException: boom", "java.lang.IllegalStateException: boom", "{}", "<body/>", 4);

            DeadLetterRecord dl = store.find(id).orElseThrow();
            assertThat(dl.body()).isEqualTo("<body/>");
            assertThat(dl.routeId()).isEqualTo("ion-dispatch");
            assertThat(dl.status()).isEqualTo(DeadLetterStore.DEAD);
            assertThat(store.countByStatus(DeadLetterStore.DEAD)).isEqualTo(1);
        }
    }

    private static List<String> tables(HikariDataSource ds) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = ds.getConnection();
                ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
