package io.switchboard.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The end of direct:alert: turns body and headers into a normalised alert and queues it. Never rejects. */
public class AlertIntake {

    private static final Logger LOG = LoggerFactory.getLogger(AlertIntake.class);
    private static final int MAX_KEY = 300;
    private static final String NO_TEXT = "(no text)";

    private final AlertStore store;
    private final Duration window;
    private final Clock clock;

    public AlertIntake(AlertStore store, Duration window, Clock clock) {
        this.store = store;
        this.window = window;
        this.clock = clock;
    }

    public void accept(Exchange exchange) {
        Alert alert = normalise(exchange.getIn());
        AlertStore.Recorded recorded = store.record(alert, clock.instant(), window);
        if (recorded.created()) {
            LOG.info("event=alert-queued alertId={} dedupKey=\"{}\" priority={}", recorded.id(), alert.dedupKey(),
                    alert.priority());
        } else {
            LOG.debug("event=alert-folded alertId={} dedupKey=\"{}\"", recorded.id(), alert.dedupKey());
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
