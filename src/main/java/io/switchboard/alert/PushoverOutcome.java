package io.switchboard.alert;

import io.switchboard.HubJson;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.store.DeadLetterStore;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What happens to a queued alert after Pushover answered (or did not), one method per kind of answer. */
public class PushoverOutcome {

    /** Exchange property holding the QueuedAlert being sent. */
    public static final String ALERT = "SwitchboardAlert";
    /** Where a replayed Pushover dead letter re-enters: it becomes a new alert. */
    static final String REPLAY_ENDPOINT = "direct://alert";
    static final String SEND_ROUTE = "alert-pushover-send";

    private static final Logger LOG = LoggerFactory.getLogger(PushoverOutcome.class);

    private final AlertStore store;
    private final DeadLetterStore deadLetters;
    private final PushoverQuota quota;
    private final PushoverSettings settings;
    private final PushoverRequest request;
    private final Clock clock;
    private final ObjectMapper json = HubJson.mapper();
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    public PushoverOutcome(AlertStore store, DeadLetterStore deadLetters, PushoverQuota quota,
            PushoverSettings settings, PushoverRequest request, Clock clock) {
        this.store = store;
        this.deadLetters = deadLetters;
        this.quota = quota;
        this.settings = settings;
        this.request = request;
        this.clock = clock;
    }

    /** Every answer carries the quota headers; keep them for JMX and the 10 % warning. */
    public void recordQuota(Exchange exchange) {
        quota.record(exchange.getIn().getHeader("X-Limit-App-Limit", Long.class),
                exchange.getIn().getHeader("X-Limit-App-Remaining", Long.class),
                exchange.getIn().getHeader("X-Limit-App-Reset", Long.class));
    }

    /** 2xx. */
    public void delivered(Exchange exchange) {
        QueuedAlert alert = alert(exchange);
        Instant now = clock.instant();
        store.markSent(alert.id(), now);
        lastSuccess.set(now);
        lastError.set(null);
        LOG.info("event=alert-sent alertId={} dedupKey=\"{}\" occurrences={} attempts={} quotaRemaining={}",
                alert.id(), alert.dedupKey(), alert.occurrences(), alert.attempts() + 1, quota.reading().remaining());
    }

    /** 429: the application's monthly quota is used up; hold everything until X-Limit-App-Reset. */
    public void quotaExhausted(Exchange exchange) {
        QueuedAlert alert = alert(exchange);
        Long reset = exchange.getIn().getHeader("X-Limit-App-Reset", Long.class);
        Instant now = clock.instant();
        Instant until = reset != null && Instant.ofEpochSecond(reset).isAfter(now) ? Instant.ofEpochSecond(reset)
                : now.plus(settings.quotaPauseFallback());
        quota.pauseUntil(until);
        store.requeue(alert.id(), until, "429 quota exhausted");
        lastError.set("429 quota exhausted until " + until);
        LOG.warn("event=pushover-quota-exhausted alertId={} pausedUntil={}", alert.id(), until);
    }

    /** Any other 4xx: the request itself is wrong, sending it again cannot help. */
    public void rejected(Exchange exchange) {
        QueuedAlert alert = alert(exchange);
        int status = exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String answer = exchange.getIn().getBody(String.class);
        String reason = "Pushover answered " + status + ": " + errors(answer);
        store.markDead(alert.id(), reason);
        long deadLetterId = deadLetters.record(null, null, null, SEND_ROUTE, REPLAY_ENDPOINT, reason,
                "HTTP " + status + " " + answer, headersJson(alert), alert.message(), alert.attempts() + 1);
        lastError.set(reason);
        LOG.error("event=alert-rejected alertId={} dedupKey=\"{}\" status={} deadLetterId={} reason=\"{}\"",
                alert.id(), alert.dedupKey(), status, deadLetterId, reason);
    }

    /** 5xx, timeout, refused connection: try again later, each time waiting longer. */
    public void failed(Exchange exchange) {
        QueuedAlert alert = alert(exchange);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause != null ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
                : "Pushover answered " + exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE);
        int attempts = alert.attempts() + 1;
        lastError.set(reason);
        if (settings.retryMaximumAttempts() > 0 && attempts >= settings.retryMaximumAttempts()) {
            store.markDead(alert.id(), reason);
            long deadLetterId = deadLetters.record(null, null, null, SEND_ROUTE, REPLAY_ENDPOINT,
                    "gave up after " + attempts + " attempts: " + reason, reason, headersJson(alert),
                    alert.message(), attempts);
            LOG.error("event=alert-gave-up alertId={} dedupKey=\"{}\" attempts={} deadLetterId={} reason=\"{}\"",
                    alert.id(), alert.dedupKey(), attempts, deadLetterId, reason);
            return;
        }
        Instant next = clock.instant().plus(settings.retryDelay(attempts));
        store.retryLater(alert.id(), next, reason);
        LOG.warn("event=alert-send-failed alertId={} attempts={} nextAttemptAt={} reason=\"{}\"",
                alert.id(), attempts, next, reason);
    }

    /** Pushover disabled (no token/user): the alert is written to the log, once per aggregated row, and kept. */
    public void logInstead(Exchange exchange) {
        QueuedAlert alert = exchange.getIn().getBody(QueuedAlert.class);
        store.markLogged(alert.id(), clock.instant());
        LOG.warn("event=alert-not-sent reason=pushover-disabled alertId={} dedupKey=\"{}\" priority={}"
                + " occurrences={} title=\"{}\" message=\"{}\"", alert.id(), alert.dedupKey(), alert.priority(),
                alert.occurrences(), alert.title() == null ? "" : alert.title(), request.text(alert));
    }

    public Instant lastSuccess() {
        return lastSuccess.get();
    }

    public String lastError() {
        return lastError.get();
    }

    private static QueuedAlert alert(Exchange exchange) {
        return exchange.getProperty(ALERT, QueuedAlert.class);
    }

    /** Pushover's "errors" array, or the start of the body when it is not JSON. */
    private String errors(String answer) {
        try {
            var errors = json.readTree(answer == null ? "" : answer).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                return errors.toString();
            }
        } catch (JsonProcessingException e) {
            // not JSON: fall through to the raw start of the body
        }
        return answer == null ? "" : PushoverLimits.truncate(answer, 200);
    }

    /** The alert's own fields as the dead letter's headers, so a replay re-creates it (never the token). */
    private String headersJson(QueuedAlert alert) {
        Map<String, Object> headers = new TreeMap<>();
        headers.put(AlertHeaders.DEDUP_KEY, alert.dedupKey());
        headers.put(AlertHeaders.PRIORITY, alert.priority());
        putIfPresent(headers, AlertHeaders.TITLE, alert.title());
        putIfPresent(headers, AlertHeaders.URL, alert.url());
        putIfPresent(headers, AlertHeaders.URL_TITLE, alert.urlTitle());
        putIfPresent(headers, AlertHeaders.SOUND, alert.sound());
        putIfPresent(headers, AlertHeaders.RECIPIENT, alert.recipient());
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }

    private static void putIfPresent(Map<String, Object> headers, String key, String value) {
        if (value != null) {
            headers.put(key, value);
        }
    }
}
