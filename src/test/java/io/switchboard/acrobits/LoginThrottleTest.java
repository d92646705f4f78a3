package io.switchboard.acrobits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

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

    @Test
    void aKeyIsReleasedWhenItsFailuresSlideOutOfTheWindow() {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(2, Duration.ofMinutes(10), clock);
        throttle.recordFailure("user:a");
        clock.now = clock.now.plusSeconds(300);
        throttle.recordFailure("user:a");
        assertThat(throttle.isBlocked("user:a")).isTrue();
        assertThat(throttle.isBlocked("user:b")).isFalse();
        clock.now = clock.now.plusSeconds(301);
        assertThat(throttle.isBlocked("user:a")).as("first failure aged out").isFalse();
    }
}
