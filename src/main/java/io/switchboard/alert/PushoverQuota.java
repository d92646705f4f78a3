package io.switchboard.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.switchboard.store.PeerPause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Pushover told us about our monthly quota (X-Limit-App-* headers) and whether sending is paused
 * because it ran out (429). The pause lives in the database (peer_pause), so every hub instance holds back.
 */
public class PushoverQuota {

    /** The peer_pause row every instance reads. */
    public static final String PEER = "pushover";

    private static final Logger LOG = LoggerFactory.getLogger(PushoverQuota.class);

    /** One consistent reading of the three headers; -1 = not seen yet. */
    public record Reading(long limit, long remaining, long resetEpochSeconds) {
        static final Reading UNKNOWN = new Reading(-1, -1, -1);
    }

    private final Clock clock;
    private final int warnPercent;
    private final AtomicReference<Reading> reading = new AtomicReference<>(Reading.UNKNOWN);
    private final PeerPause pause;
    // the quota period (its reset time) already warned about: answers on two connections arrive out of order,
    // so a higher "remaining" after a lower one is no new period
    private final AtomicLong lowWarnedForReset = new AtomicLong(Long.MIN_VALUE);

    public PushoverQuota(Clock clock, int warnPercent, PeerPause pause) {
        this.clock = clock;
        this.warnPercent = warnPercent;
        this.pause = pause;
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
        // once per quota period: a reset (new month) brings a new reset time, and with it a new warning
        if (low && lowWarnedForReset.getAndSet(now.resetEpochSeconds()) != now.resetEpochSeconds()) {
            LOG.warn("event=pushover-quota-low remaining={} limit={} resetsAt={}", now.remaining(), now.limit(),
                    now.resetEpochSeconds() > 0 ? Instant.ofEpochSecond(now.resetEpochSeconds()) : "unknown");
        }
    }

    /** 429: nothing is sent before until; the alerts held meanwhile go out as one summary. */
    public void pauseUntil(Instant until) {
        pause.pauseUntil(until);
    }

    public boolean paused() {
        return clock.instant().isBefore(pause.pausedUntil());
    }

    public Instant pausedUntil() {
        return pause.pausedUntil();
    }

    public Reading reading() {
        return reading.get();
    }
}
