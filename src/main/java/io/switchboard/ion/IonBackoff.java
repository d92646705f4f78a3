package io.switchboard.ion;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential delay with a cap and jitter (hub.ion.backoff.*), so many hubs do not ping in step. */
public record IonBackoff(Duration initial, Duration max, double multiplier, double jitter) {

    /** Delay before attempt number failures (1 = after the first failure). */
    public Duration delay(int failures) {
        double base = initial.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
        double capped = Math.min(base, max.toMillis());
        double spread = jitter <= 0 ? 0 : capped * jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Duration.ofMillis(Math.max(1, Math.round(capped + spread)));
    }
}
