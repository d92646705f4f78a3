package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The dead-letter store's operator queries and replay claim, on H2 and PostgreSQL. */
class DeadLetterStoreTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void onlyOneOfManyConcurrentClaimsWinsAndAReplayedLetterCannotBeClaimedAgain(String kind) throws Exception {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            DeadLetterStore store = new DeadLetterStore(new Database(ds));
            long id = record(store, "Doc.A", "route-a");

            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Callable<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                claims.add(() -> store.claimForReplay(id));
            }
            long winners = 0;
            for (Future<Boolean> f : pool.invokeAll(claims)) {
                winners += f.get() ? 1 : 0;
            }
            pool.shutdown();
            store.finishReplay(id, true, "test", "ok");

            assertThat(winners).isEqualTo(1);
            assertThat(store.claimForReplay(id)).isFalse();
            assertThat(store.find(id).orElseThrow().status()).isEqualTo(DeadLetterStore.REPLAYED);
            assertThat(store.events(id)).extracting(DeadLetterEvent::action).containsExactly("REPLAYED");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void failedReplayReturnsToDeadAndStaleClaimsAreReleased(String kind) {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            DeadLetterStore store = new DeadLetterStore(new Database(ds));
            long failed = record(store, "Doc.A", "route-a");
            long stale = record(store, "Doc.A", "route-a");

            store.claimForReplay(failed);
            assertThat(store.recordReplayFailure(failed, "again", "summary", 2)).isTrue();
            store.finishReplay(failed, false, "test", "failed again");
            store.claimForReplay(stale);

            assertThat(store.find(failed).orElseThrow().status()).isEqualTo(DeadLetterStore.DEAD);
            assertThat(store.find(failed).orElseThrow().attempts()).isEqualTo(3);
            assertThat(store.events(failed)).extracting(DeadLetterEvent::action).containsExactly("REPLAY_FAILED");
            assertThat(store.recordReplayFailure(failed, "not claimed", null, 1)).isFalse();
            assertThat(store.releaseStaleClaims(Duration.ofHours(1))).isZero();
            assertThat(store.releaseStaleClaims(Duration.ofMillis(-1000))).isEqualTo(1);
            assertThat(store.find(stale).orElseThrow().status()).isEqualTo(DeadLetterStore.DEAD);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void listFiltersPagesAndCountsPerStatus(String kind) {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            DeadLetterStore store = new DeadLetterStore(new Database(ds));
            MessageStore messages = new MessageStore(new Database(ds));
            long pk = messages.insert(MessageRecord.newMessage(Direction.IN, "m-1", "Doc.A", null, null, null, null,
                    "<a/>", "RECEIVED")).orElseThrow();
            record(store, "Doc.A", "route-a");
            Instant between = Instant.now();
            long b = store.record(pk, "m-1", "Doc.B", "route-b", "direct://b", "r", null, "{}", "x", 1);
            long discarded = record(store, "Doc.A", "route-b");
            store.discard(discarded, "ops", "not needed");

            assertThat(store.count(DeadLetterFilter.all())).isEqualTo(3);
            assertThat(store.count(new DeadLetterFilter(DeadLetterStore.DEAD, "Doc.A", null, null, null))).isEqualTo(1);
            assertThat(store.list(new DeadLetterFilter(null, null, "route-b", null, null), 0, 10))
                    .extracting(DeadLetterRecord::id).containsExactly(discarded, b);
            assertThat(store.list(DeadLetterFilter.all(), 1, 1)).extracting(DeadLetterRecord::id).containsExactly(b);
            assertThat(store.deadIds(new DeadLetterFilter(null, null, null, between, null), 10)).containsExactly(b);
            assertThat(store.countsByStatus()).containsEntry("DEAD", 2L).containsEntry("DISCARDED", 1L);
            assertThat(store.forMessage(pk, "m-1")).extracting(DeadLetterRecord::id).containsExactly(b);
            assertThat(messages.findByMessageId("m-1")).hasSize(1);
            assertThat(messages.countsByDocument()).containsExactly(new MessageCount("IN", "Doc.A", "RECEIVED", 1));
        }
    }

    private static long record(DeadLetterStore store, String document, String route) {
        return store.record(null, "m", document, route, "direct://" + route, "reason", "summary", "{}", "body", 1);
    }
}
