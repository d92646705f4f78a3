package io.switchboard.ion;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The INFO view of the drain: one line per interval with how many messages ION accepted, per document name,
 * instead of one line per message (that line is DEBUG; it cost ~3 % of the drain's CPU).
 */
final class OutboxSentSummary {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDrain.class);

    private final long intervalNanos;
    private final Map<String, LongAdder> sent = new ConcurrentHashMap<>();
    private long since = System.nanoTime();

    OutboxSentSummary(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** ION accepted one message of documentName (called by the lanes). */
    void sent(String documentName) {
        sent.computeIfAbsent(documentName, name -> new LongAdder()).increment();
    }

    /** Logs and restarts the count once the interval has passed and something went out (the drain's thread). */
    synchronized void logIfDue() {
        long now = System.nanoTime();
        if (now - since < intervalNanos) {
            return;
        }
        Map<String, Long> counts = new TreeMap<>();
        sent.forEach((name, count) -> {
            long n = count.sumThenReset();
            if (n > 0) {
                counts.put(name, n);
            }
        });
        if (!counts.isEmpty()) {
            LOG.info("event=ion-sent-summary sent={} periodMs={} byDocument={}",
                    counts.values().stream().mapToLong(Long::longValue).sum(), (now - since) / 1_000_000, counts);
        }
        since = now;
    }
}
