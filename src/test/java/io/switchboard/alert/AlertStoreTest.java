package io.switchboard.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.store.Database;
import io.switchboard.store.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The alert table's queue on H2 and PostgreSQL: folding, deferral per window, claiming, summaries. */
class AlertStoreTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration LEASE = Duration.ofMinutes(2);

    private static Alert alert(String key, int priority) {
        return new Alert(key, "title " + key, "text " + key, priority, null, null, null, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void identicalKeysFoldAndASentKeyWaitsForTheWindow(String kind) {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            AlertStore store = new AlertStore(new Database(ds));
            Instant t0 = Instant.parse("2026-03-01T10:00:00Z");

            var first = store.record(alert("k", 0), t0, WINDOW);
            var second = store.record(alert("k", 0), t0.plusSeconds(1), WINDOW);
            assertThat(second).isEqualTo(new AlertStore.Recorded(first.id(), false));

            List<QueuedAlert> claimed = store.claimDue(t0.plusSeconds(2), 10, LEASE);
            assertThat(claimed).singleElement().satisfies(a -> {
                assertThat(a.occurrences()).isEqualTo(2);
                assertThat(a.status()).isEqualTo(AlertStore.SENDING);
            });
            store.markSent(first.id(), t0.plusSeconds(3));

            var third = store.record(alert("k", 0), t0.plusSeconds(4), WINDOW);
            assertThat(third.created()).isTrue();
            assertThat(store.claimDue(t0.plusSeconds(10), 10, LEASE)).as("window not over").isEmpty();
            assertThat(store.claimDue(t0.plusSeconds(3).plus(WINDOW), 10, LEASE)).singleElement()
                    .satisfies(a -> assertThat(a.id()).isEqualTo(third.id()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void claimsHighestPriorityFirstAndReclaimsExpiredLeases(String kind) {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            AlertStore store = new AlertStore(new Database(ds));
            Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
            store.record(alert("low", -1), t0, WINDOW);
            store.record(alert("high", 2), t0, WINDOW);

            List<QueuedAlert> claimed = store.claimDue(t0, 1, LEASE);
            assertThat(claimed).extracting(QueuedAlert::dedupKey).containsExactly("high");
            assertThat(store.claimDue(t0, 10, LEASE)).extracting(QueuedAlert::dedupKey).containsExactly("low");
            assertThat(store.claimDue(t0.plus(LEASE).plusSeconds(1), 10, LEASE)).hasSize(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void summaryReplacesEveryDueAlert(String kind) {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            AlertStore store = new AlertStore(new Database(ds));
            Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
            store.record(alert("a", 0), t0, WINDOW);
            store.record(alert("b", 1), t0, WINDOW);

            var summary = store.summariseDue(t0.plusSeconds(1), LEASE,
                    rows -> new Alert("summary", "s", rows.size() + " held", 1, null, null, null, null));

            assertThat(summary).hasValueSatisfying(s -> {
                assertThat(s.message()).isEqualTo("2 held");
                assertThat(s.status()).isEqualTo(AlertStore.SENDING);
            });
            assertThat(store.countByStatus(AlertStore.SUMMARISED)).isEqualTo(2);
            assertThat(store.countByStatus(AlertStore.QUEUED)).isZero();
        }
    }
}
