package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.store.Database;
import io.switchboard.store.Direction;
import io.switchboard.store.MessageRecord;
import io.switchboard.store.MessageStore;
import io.switchboard.store.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Recovery re-queues only hand-offs a crash lost, never a message this hub is dispatching right now. */
class DispatchRecoveryTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void startUpRecoveryTakesLeftoversOfTheLastRunButNotThisRunsInFlightMessages(String kind) {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            MessageStore store = new MessageStore(new Database(ds));
            long leftover = insert(store, "left-over", DispatchStatus.DISPATCHING, Instant.now().minusSeconds(30));
            DispatchStatus status = new DispatchStatus(store, Duration.ofMinutes(2));
            long inFlight = insert(store, "in-flight", DispatchStatus.DISPATCHING, Instant.now().plusSeconds(1));
            long justReceived = insert(store, "just-received", InboundReceiver.STATUS_RECEIVED,
                    Instant.now().plusSeconds(1));

            assertThat(status.stranded(100, true)).extracting(MessageRecord::id).containsExactly(leftover);
            assertThat(store.find(leftover).orElseThrow().status()).isEqualTo(InboundReceiver.STATUS_RECEIVED);
            assertThat(store.find(inFlight).orElseThrow().status()).isEqualTo(DispatchStatus.DISPATCHING);
            assertThat(store.find(justReceived).orElseThrow().status()).isEqualTo(InboundReceiver.STATUS_RECEIVED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void periodicRecoveryNeverResetsAMessageThatIsStillBeingDispatched(String kind) {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            MessageStore store = new MessageStore(new Database(ds));
            DispatchStatus status = new DispatchStatus(store, Duration.ofMinutes(2));
            Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
            long slowDispatch = insert(store, "slow", DispatchStatus.DISPATCHING, longAgo);
            long lostHandOff = insert(store, "lost", InboundReceiver.STATUS_RECEIVED, longAgo);

            assertThat(status.stranded(100, false)).extracting(MessageRecord::id).containsExactly(lostHandOff);
            assertThat(store.find(slowDispatch).orElseThrow().status()).isEqualTo(DispatchStatus.DISPATCHING);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void recoveryTakesAClaimOnlyOnceItsLeaseEnded(String kind) {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            MessageStore store = new MessageStore(new Database(ds));
            DispatchStatus status = new DispatchStatus(store, Duration.ofMinutes(2), "this-instance", Duration.ofMinutes(1));
            Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
            long peersLive = insert(store, "peer-live", DispatchStatus.DISPATCHING, longAgo);
            lease(store, peersLive, "peer", Instant.now().plusSeconds(60));
            long peersExpired = insert(store, "peer-crashed", DispatchStatus.DISPATCHING, longAgo);
            lease(store, peersExpired, "peer", Instant.now().minusSeconds(1));
            long released = insert(store, "released", InboundReceiver.STATUS_RECEIVED, Instant.now());
            lease(store, released, null, Instant.now().minusSeconds(1));

            assertThat(status.stranded(100, false)).extracting(MessageRecord::id)
                    .containsExactly(peersExpired, released);
            assertThat(store.find(peersLive).orElseThrow().status()).isEqualTo(DispatchStatus.DISPATCHING);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void aRowTheIntakeStoredWithItsLeaseIsTakenOnlyWhenThatLeaseCannotBeLive(String kind) {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            MessageStore store = new MessageStore(new Database(ds));
            Instant lastRun = Instant.now().minusSeconds(30);
            // stored RECEIVED with the lease of the run that was killed (-9): its queue is gone
            long killedRuns = insert(store, "killed-run-queued", InboundReceiver.STATUS_RECEIVED, lastRun);
            lease(store, killedRuns, "killed", Instant.now().plusSeconds(30));
            // the lease of a peer that crashed has ended
            long crashedPeers = insert(store, "crashed-peer-queued", InboundReceiver.STATUS_RECEIVED, lastRun);
            lease(store, crashedPeers, "crashed", Instant.now().minusSeconds(1));
            DispatchStatus status = new DispatchStatus(store, Duration.ofMinutes(2), "this-instance", Duration.ofMinutes(1));
            // this run's own queued row, stored with its live lease
            long mine = insert(store, "queued-here", InboundReceiver.STATUS_RECEIVED, Instant.now().plusSeconds(1));
            lease(store, mine, "this-instance", Instant.now().plusSeconds(60));

            var taken = status.stranded(100, true);
            if ("postgres".equals(kind)) {
                // a live lease may be a running peer's queue: taken only once it ends
                assertThat(taken).extracting(MessageRecord::id).containsExactly(crashedPeers);
            } else {
                // H2 has one instance: whatever the last run leased is a leftover at start-up
                assertThat(taken).extracting(MessageRecord::id).containsExactly(killedRuns, crashedPeers);
            }
            assertThat(status.stranded(100, false)).as("this run's queued row").extracting(MessageRecord::id)
                    .doesNotContain(mine);
            assertThat(store.find(mine).orElseThrow().status()).isEqualTo(InboundReceiver.STATUS_RECEIVED);
        }
    }

    /**
     * Recovery runs every few seconds whatever the load: each of its queries must seek the rows of one
     * status through the (direction, status) index. With "status IN (…)" H2 used direction alone to seek, and
     * read every inbound row the table ever held at every run.
     */
    @ParameterizedTest(name = "atStartup={0}")
    @ValueSource(booleans = {false, true})
    void everyRecoveryQuerySeeksTheRowsOfOneStatusThroughTheIndexOnH2(boolean atStartup) {
        try (HikariDataSource ds = TestDatabases.migrated("h2")) {
            Database db = new Database(ds);
            Instant now = Instant.now();
            for (String status : List.of(InboundReceiver.STATUS_RECEIVED, DispatchStatus.DISPATCHING)) {
                DispatchStatus.StrandedQuery query = DispatchStatus.strandedQuery(status, now, now, now, 0, 100,
                        atStartup, false);
                String plan = String.join("\n", db.query("EXPLAIN " + query.sql(), rs -> rs.getString(1),
                        query.parameters().toArray()));
                // H2's plan names the index and the conditions it seeks on in a comment: /* INDEX: … */
                String seek = plan.substring(plan.indexOf("/*"), plan.indexOf("*/"));
                assertThat(seek).as(status + " plan: " + plan).contains("DIRECTION = ?1").contains("STATUS = ?2");
            }
        }
    }

    private static void lease(MessageStore store, long id, String owner, Instant until) {
        store.database().update("UPDATE message SET claimed_by = ?, claimed_until = ? WHERE id = ?", owner, until, id);
    }

    private static long insert(MessageStore store, String messageId, String status, Instant updatedAt) {
        long id = store.insert(MessageRecord.newMessage(Direction.IN, messageId, "SyncSalesOrder", "ACME_TST",
                "lid://a", "lid://b", "{}", "<a/>", status)).orElseThrow();
        store.database().update("UPDATE message SET updated_at = ? WHERE id = ?", updatedAt, id);
        return id;
    }
}
