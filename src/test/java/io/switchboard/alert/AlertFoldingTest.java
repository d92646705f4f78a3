package io.switchboard.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.store.Database;
import io.switchboard.store.TestDatabases;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A burst of one dedup key (e.g. an UNROUTED alert per inbound message) is written once per fold interval. */
class AlertFoldingTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration FOLD = Duration.ofSeconds(1);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static final class MovableClock extends Clock {
        Instant now = T0;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void aBurstIsWrittenOnceAndItsRepeatsAreAddedAfterTheFoldInterval(String kind) throws Exception {
        try (HikariDataSource ds = TestDatabases.migrated(kind); CamelContext camel = new DefaultCamelContext()) {
            Database db = new Database(ds);
            MovableClock clock = new MovableClock();
            AlertIntake intake = new AlertIntake(new AlertStore(db), WINDOW, FOLD, clock);

            for (int i = 0; i < 500; i++) {
                intake.accept(unrouted(camel, i));
            }

            assertThat(occurrences(db)).as("one row written, the repeats still in memory").containsExactly(1);
            assertThat(intake.flushFolded()).as("fold interval not over yet").isZero();

            clock.now = T0.plus(FOLD);
            assertThat(intake.flushFolded()).isEqualTo(1);
            assertThat(occurrences(db)).as("every occurrence counted, still one queued alert").containsExactly(500);

            intake.accept(unrouted(camel, 500));
            assertThat(occurrences(db)).as("a new interval writes at once").containsExactly(501);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void aRepeatIsCountedWithoutItsAlertOnlyWhileItsKeyIsFolding(String kind) throws Exception {
        try (HikariDataSource ds = TestDatabases.migrated(kind); CamelContext camel = new DefaultCamelContext()) {
            Database db = new Database(ds);
            MovableClock clock = new MovableClock();
            AlertIntake intake = new AlertIntake(new AlertStore(db), WINDOW, FOLD, clock);

            assertThat(intake.foldRepeat("ion.unrouted.SyncSalesOrder")).as("nothing written yet: raise it").isFalse();
            intake.accept(unrouted(camel, 0));
            for (int i = 1; i < 100; i++) {
                assertThat(intake.foldRepeat(" ion.unrouted.SyncSalesOrder ")).isTrue();
            }
            assertThat(intake.foldRepeat("ion.unrouted.SyncShipment")).as("another key").isFalse();
            assertThat(occurrences(db)).as("the repeats still in memory").containsExactly(1);

            clock.now = T0.plus(FOLD);
            assertThat(intake.foldRepeat("ion.unrouted.SyncSalesOrder")).as("interval over: raise it").isFalse();
            assertThat(intake.flushFolded()).isEqualTo(1);
            assertThat(occurrences(db)).as("every repeat counted").containsExactly(100);
        }
    }

    private static Exchange unrouted(CamelContext camel, int n) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setHeader(AlertHeaders.DEDUP_KEY, "ion.unrouted.SyncSalesOrder");
        exchange.getIn().setHeader(AlertHeaders.TITLE, "Unrouted ION document SyncSalesOrder");
        exchange.getIn().setBody("No routing rule for SyncSalesOrder (message m-" + n + "); stored as UNROUTED");
        return exchange;
    }

    private static List<Integer> occurrences(Database db) {
        return db.query("SELECT occurrences FROM alert ORDER BY id", rs -> rs.getInt(1));
    }
}
