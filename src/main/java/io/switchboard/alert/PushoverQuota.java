package io.switchboard.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Pushover told us about our monthly quota (X-Limit-App-* headers) and whether sending is paused
 * because it ran out (429). Shared by the sender threads.
 */
public class PushoverQuota {

    private static final Logger LOG = LoggerFactory.getLogger(PushoverQuota.class);

    /** One consistent reading of the three headers; -1 = not seen yet. */
    public record Reading(long limit, long remaining, long resetEpochSeconds) {
        static final Reading UNKNOWN = new Reading(-1, -1, -1);
    }

    private final Clock clock;
    private final int warnPercent;
    private final AtomicReference<Reading> reading = new AtomicReference<>(Reading.UNKNOWN);
    private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.EPOCH);
    private final AtomicBoolean lowWarned = new AtomicBoolean();
    private final AtomicBoolean summaryPending = new AtomicBoolean();

    public PushoverQuota(Clock clock, int warnPercent) {
        this.clock = clock;
        this.warnPercent = warnPercent;
    }

    /** Records the X-Limit-App-* headers of a response; warns once when warnPercent or less is left. */
    public void record(Long limit, Long remaining, Long reset) {
        if (limit == null && remaining == null && reset == null) {
            return;
        }
        Reading previous = reading.get();
        Reading now = new Reading(limit != null ? limit : previous.limit(),
                remaining != null ? remaining : previous.remaining(), reset != null ? reset : previous.resetEpochSeconds());
        reading.set(now);
        boolean low = now.limit() > 0 && now.remaining() >= 0 && now.remaining() * 100 <= (long) now.limit() * warnPercent;
        if (low && lowWarned.compareAndSet(false, true)) {
            LOG.warn("event=pushover-quota-low remaining={} limit={} resetsAt={}", now.remaining(), now.limit(),
                    now.resetEpochSeconds() > 0 ? Instant.ofEpochSecond(now.resetEpochSeconds()) : "unknown");
        } else if (!low) {
            // the quota was reset (new month): warn again next time it runs low
            lowWarned.set(false);
        }
    }

    /** 429: nothing is sent before until; the alerts held meanwhile go out as one summary. */
    public void pauseUntil(Instant until) {
        pausedUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
        summaryPending.set(true);
    }

    public boolean paused() {
        return clock.instant().isBefore(pausedUntil.get());
    }

    /** True once per pause: the first poll after it ended should summarise what waited. */
    public boolean takeSummaryDue() {
        return !paused() && summaryPending.compareAndSet(true, false);
    }

    public Instant pausedUntil() {
        return pausedUntil.get();
    }

    public Reading reading() {
        return reading.get();
    }
}
