package io.switchboard.ion;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates failed calls during an outage: one ERROR line when it starts, then at most one per
 * window (hub.ion.error-log-window) with the count and the last cause, and one line when it ends.
 */
public class IonOutageLog {

    private static final Logger LOG = LoggerFactory.getLogger(IonOutageLog.class);

    private final Duration window;
    private Instant outageStart;
    private Instant windowStart;
    private long total;
    private long inWindow;
    private String lastCause;

    public IonOutageLog(Duration window) {
        this.window = window;
    }

    /** Counts one failure; returns true when this call wrote a window line (the outage outlasted a window). */
    public synchronized boolean failure(String cause, Instant now) {
        lastCause = cause;
        total++;
        if (outageStart == null) {
            outageStart = now;
            windowStart = now;
            LOG.error("event=ion-outage-started cause=\"{}\" nextLogWithinMs={}", cause, window.toMillis());
            return false;
        }
        inWindow++;
        if (!now.isBefore(windowStart.plus(window))) {
            LOG.error("event=ion-outage-ongoing failures={} windowMs={} totalFailures={} outageMs={} lastCause=\"{}\"",
                    inWindow, window.toMillis(), total, Duration.between(outageStart, now).toMillis(), cause);
            windowStart = now;
            inWindow = 0;
            return true;
        }
        return false;
    }

    /** ION answers again: one line that closes the outage. */
    public synchronized void recovered(Instant now) {
        if (outageStart == null) {
            return;
        }
        LOG.info("event=ion-outage-ended totalFailures={} outageMs={} lastCause=\"{}\"", total,
                Duration.between(outageStart, now).toMillis(), lastCause);
        outageStart = null;
        total = 0;
        inWindow = 0;
    }

    public synchronized boolean inOutage() {
        return outageStart != null;
    }
}
