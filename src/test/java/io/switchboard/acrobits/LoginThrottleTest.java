package io.switchboard.acrobits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.store.Database;
import io.switchboard.store.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LoginThrottleTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T10:00:00Z");

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

    @ParameterizedTest
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void aKeyIsReleasedWhenItsFailuresSlideOutOfTheWindow(String kind) {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            ManualClock clock = new ManualClock();
            LoginThrottle throttle = new LoginThrottle(new Database(ds), 2, Duration.ofMinutes(10), clock);
            assertThat(throttle.reserve("user:a")).isPresent();
            clock.now = clock.now.plusSeconds(300);
            assertThat(throttle.reserve("user:a")).isPresent();
            assertThat(throttle.isBlocked("user:a")).isTrue();
            assertThat(throttle.reserve("user:a")).as("third attempt within the window").isEmpty();
            assertThat(throttle.isBlocked("user:b")).isFalse();
            clock.now = clock.now.plusSeconds(301);
            assertThat(throttle.isBlocked("user:a")).as("first failure aged out").isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void aReservationIsAllOrNothingAndASuccessGivesItBack(String kind) {
        try (HikariDataSource ds = TestDatabases.migrated(kind)) {
            LoginThrottle throttle = new LoginThrottle(new Database(ds), 1, Duration.ofMinutes(10), new ManualClock());
            throttle.recordFailure("ip:1");
            assertThat(throttle.reserve("user:a", "ip:1")).as("the address is used up").isEmpty();
            assertThat(throttle.isBlocked("user:a")).as("nothing counted against the user").isFalse();
            LoginThrottle.Reservation ok = throttle.reserve("user:b", "ip:2").orElseThrow();
            throttle.succeeded(ok, "user:b");
            assertThat(throttle.isBlocked("user:b", "ip:2")).isFalse();
            assertThat(throttle.trackedKeys()).isEqualTo(1);
        }
    }
}
