package io.switchboard.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of direct:alert: turns body and headers into a normalised alert and queues it. Never rejects.
 * A dedup key is written at most once per fold interval: repeats within it are counted in memory and
 * added by {@link #flushFolded()} (the poll timer), so a burst (e.g. one UNROUTED alert per inbound
 * message) costs one row write per key and interval, not one per message.
 */
public class AlertIntake {

    /** The last write of a key and the repeats counted since; changed only inside the map's compute. */
    private static final class Folded {
        final Alert alert;
        final Instant writtenAt;
        int pending;

        Folded(Alert alert, Instant writtenAt) {
            this.alert = alert;
            this.writtenAt = writtenAt;
        }
    }

    /** Its name in the registry. */
    public static final String BEAN = "alertIntake";
    private static final Logger LOG = LoggerFactory.getLogger(AlertIntake.class);
    private static final int MAX_KEY = 300;
    private static final String NO_TEXT = "(no text)";

    private final AlertStore store;
    private final Duration window;
    private final Duration foldInterval;
    private final Clock clock;
    private final Map<String, Folded> folded = new ConcurrentHashMap<>();

    public AlertIntake(AlertStore store, Duration window, Clock clock) {
        this(store, window, Duration.ZERO, clock);
    }

    public AlertIntake(AlertStore store, Duration window, Duration foldInterval, Clock clock) {
        this.store = store;
        this.window = window;
        this.foldInterval = foldInterval;
        this.clock = clock;
    }

    public void accept(Exchange exchange) {
        Alert alert = normalise(exchange.getIn());
        Instant now = clock.instant();
        int[] occurrences = {0};
        // compute is atomic per key: no repeat is lost between counting, writing and flushing
        folded.compute(alert.dedupKey(), (key, last) -> {
            if (last != null && last.writtenAt.plus(foldInterval).isAfter(now)) {
                last.pending++;
                return last;
            }
            occurrences[0] = 1 + (last == null ? 0 : last.pending);
            return foldInterval.isZero() ? null : new Folded(alert, now);
        });
        if (occurrences[0] > 0) {
            write(alert, now, occurrences[0]);
        }
    }

    /**
     * Counts a repeat of a dedup key written within the fold interval, as accept does, without the alert
     * itself (a fold keeps the first one's text): a raiser with many repeats (the unrouted notice) skips
     * the alert routes for them. False when the key is not folding now: raise it through direct:alert.
     */
    public boolean foldRepeat(String dedupKey) {
        String key = blankToNull(dedupKey);
        if (foldInterval.isZero() || key == null) {
            return false;
        }
        Instant now = clock.instant();
        boolean[] counted = {false};
        folded.computeIfPresent(dedupKey(key), (k, last) -> {
            if (last.writtenAt.plus(foldInterval).isAfter(now)) {
                last.pending++;
                counted[0] = true;
            }
            return last;
        });
        return counted[0];
    }

    /** Writes the repeats counted in memory whose fold interval is over; returns how many keys. */
    public int flushFolded() {
        Instant now = clock.instant();
        int flushed = 0;
        for (String key : folded.keySet()) {
            int[] pending = {0};
            Alert[] alert = {null};
            folded.computeIfPresent(key, (k, f) -> {
                if (f.writtenAt.plus(foldInterval).isAfter(now)) {
                    return f;
                }
                pending[0] = f.pending;
                alert[0] = f.alert;
                return null;
            });
            if (pending[0] > 0) {
                write(alert[0], now, pending[0]);
                flushed++;
            }
        }
        return flushed;
    }

    private void write(Alert alert, Instant now, int occurrences) {
        AlertStore.Recorded recorded = store.record(alert, now, window, occurrences);
        if (recorded.created()) {
            LOG.info("event=alert-queued alertId={} dedupKey=\"{}\" priority={}", recorded.id(), alert.dedupKey(),
                    alert.priority());
        } else {
            LOG.debug("event=alert-folded alertId={} dedupKey=\"{}\" occurrences={}", recorded.id(), alert.dedupKey(),
                    occurrences);
        }
    }

    static Alert normalise(Message in) {
        String text = in.getBody(String.class);
        String message = PushoverLimits.truncate(text == null || text.isBlank() ? NO_TEXT : text.strip(),
                PushoverLimits.MESSAGE);
        String title = PushoverLimits.truncate(blankToNull(in.getHeader(AlertHeaders.TITLE, String.class)),
                PushoverLimits.TITLE);
        String key = blankToNull(in.getHeader(AlertHeaders.DEDUP_KEY, String.class));
        key = key == null ? "auto:" + sha256((title == null ? "" : title) + "\n" + message) : dedupKey(key);
        return new Alert(key, title, message, priority(in.getHeader(AlertHeaders.PRIORITY)),
                PushoverLimits.truncate(blankToNull(in.getHeader(AlertHeaders.URL, String.class)), PushoverLimits.URL),
                PushoverLimits.truncate(blankToNull(in.getHeader(AlertHeaders.URL_TITLE, String.class)),
                        PushoverLimits.URL_TITLE),
                PushoverLimits.truncate(blankToNull(in.getHeader(AlertHeaders.SOUND, String.class)), 50),
                PushoverLimits.truncate(blankToNull(in.getHeader(AlertHeaders.RECIPIENT, String.class)), 100));
    }

    /** Anything that is not a whole number counts as 0 (normal); out-of-range numbers are clamped. */
    static int priority(Object header) {
        if (header instanceof Number n) {
            return PushoverLimits.clampPriority(n.intValue());
        }
        if (header != null) {
            try {
                return PushoverLimits.clampPriority(Integer.parseInt(header.toString().trim()));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /** Keys longer than the column keep their start and a hash of the whole, so they stay distinct. */
    static String dedupKey(String key) {
        return key.length() <= MAX_KEY ? key : key.substring(0, 200) + "#" + sha256(key).substring(0, 32);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
