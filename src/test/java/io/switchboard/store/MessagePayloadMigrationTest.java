package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** V8 moves every stored BOD into message_payload, so status changes stop rewriting it; nothing is lost on the way. */
class MessagePayloadMigrationTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void storedPayloadsMoveToTheirOwnTableAndStatusChangesLeaveThemAlone(String kind) throws Exception {
        try (HikariDataSource ds = TestDatabases.open(kind)) {
            TestDatabases.migrateToJustBefore(ds, "8");
            Database db = new Database(ds);
            db.update("INSERT INTO message (direction, message_id, document_name, payload, status) VALUES"
                    + " ('IN', 'in-1', 'SyncShipment', '<SyncShipment>é</SyncShipment>', 'ROUTED'),"
                    + " ('OUT', 'out-1', 'ProcessOrder', '<ProcessOrder/>', 'QUEUED'),"
                    + " ('IN', 'in-empty', 'SyncShipment', NULL, 'DEAD')");
            db.update("INSERT INTO message_event (message_pk, event) SELECT id, 'RECEIVED' FROM message WHERE message_id = 'in-1'");
            db.update("INSERT INTO message_event (message_pk, event) SELECT id, 'ROUTED' FROM message WHERE message_id = 'in-1'");

            Migrations.migrate(ds);

            MessageStore store = new MessageStore(db);
            assertThat(store.find(Direction.IN, "in-1").orElseThrow().payload()).isEqualTo("<SyncShipment>é</SyncShipment>");
            assertThat(store.find(Direction.OUT, "out-1").orElseThrow().payload()).isEqualTo("<ProcessOrder/>");
            assertThat(store.find(Direction.IN, "in-empty").orElseThrow().payload()).isNull();
            assertThat(columns(ds)).contains("status", "parameters").doesNotContain("payload");

            long id = store.insert(MessageRecord.newMessage(Direction.IN, "in-2", "SyncShipment", null, null, null,
                    "{}", "<SyncShipment>2</SyncShipment>", "RECEIVED")).orElseThrow();
            assertThat(db.count("SELECT COUNT(*) FROM message_event WHERE message_pk = ?", id))
                    .as("an inbound message's RECEIVED step is its row, not a journey row").isZero();
            assertThat(store.events(id)).extracting(MessageEvent::event).containsExactly("RECEIVED");
            store.updateStatus(id, "ROUTED", "direct:x", null);
            assertThat(store.events(id)).extracting(MessageEvent::event).containsExactly("RECEIVED", "ROUTED");
            assertThat(store.events(store.find(Direction.IN, "in-1").orElseThrow().id()))
                    .as("a row stored before V8 keeps its stored RECEIVED step, once").extracting(MessageEvent::event)
                    .containsExactly("RECEIVED", "ROUTED");
            assertThat(store.find(id).orElseThrow()).satisfies(m -> {
                assertThat(m.status()).isEqualTo("ROUTED");
                assertThat(m.payload()).isEqualTo("<SyncShipment>2</SyncShipment>");
            });
            assertThat(db.count("SELECT COUNT(*) FROM message_payload")).isEqualTo(4);
        }
    }

    private static List<String> columns(HikariDataSource ds) throws java.sql.SQLException {
        try (var c = ds.getConnection(); var rs = c.createStatement().executeQuery("SELECT * FROM message WHERE 1 = 0")) {
            List<String> names = new java.util.ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
            }
            return names;
        }
    }

}
