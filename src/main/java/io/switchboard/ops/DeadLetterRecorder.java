package io.switchboard.ops;

import io.switchboard.HubJson;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.store.DeadLetterStore;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a dead letter is written: every dead-letter channel ends here (direct:dead-letter), and
 * so do failures outside a route ({@link DeadLetterReport}). Writes the failed exchange, as it entered
 * the failing endpoint (secrets removed), into the dead_letter table.
 */
public class DeadLetterRecorder {

    /** Header naming the message row (message.id) an exchange is about; set by routes that have one. */
    public static final String MESSAGE_PK = "SwitchboardMessagePk";
    public static final String MESSAGE_ID = "SwitchboardMessageId";
    public static final String DOCUMENT_NAME = "SwitchboardDocumentName";
    /** Exchange property: redeliveries made before the exchange gave up. */
    public static final String REDELIVERIES = "SwitchboardRedeliveries";
    /** Exchange property set by a replay: the dead letter this exchange re-delivers. */
    public static final String REPLAY_OF = "SwitchboardReplayOf";
    /** Exchange property: true when this failure was a replay failing again (no new dead letter). */
    public static final String REPLAY_FAILED_AGAIN = "SwitchboardReplayFailedAgain";
    /**
     * Header set by an endpoint that queues a new outbound message (direct:ion-outbound): its message id.
     * A replay through such an endpoint links the original's and the new message's journeys.
     */
    public static final String QUEUED_MESSAGE_ID = "SwitchboardQueuedMessageId";
    /** Header and exchange property set once recorded: the dead letter's id. */
    public static final String DEAD_LETTER_ID = "SwitchboardDeadLetterId";
    /** Exchange property: where a replay re-enters, when not the failing route's own endpoint. */
    public static final String REPLAY_ENDPOINT = "SwitchboardReplayEndpoint";
    /** Exchange property: the caller raises its own, more specific alert (no generic dead-letter alert). */
    public static final String CALLER_ALERTS = "SwitchboardCallerAlerts";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecorder.class);
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "x-application-secret",
            "cookie", "x-api-key", "proxy-authorization");

    private final DeadLetterStore store;
    private final ObjectMapper json = HubJson.mapper();

    public DeadLetterRecorder(DeadLetterStore store) {
        this.store = store;
    }

    public long record(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, "unknown", String.class);
        Route route = exchange.getContext().getRoute(routeId);
        String endpointUri = exchange.getProperty(REPLAY_ENDPOINT, String.class);
        if (endpointUri == null) {
            endpointUri = route != null ? route.getEndpoint().getEndpointUri() : "unknown";
        }
        int attempts = exchange.getProperty(REDELIVERIES, 0, Integer.class);
        String reason = MaskingConverter.mask(
                cause == null ? "unknown failure" : cause.getClass().getSimpleName() + ": " + cause.getMessage());
        String summary = MaskingConverter.mask(summary(cause));
        Long replayOf = exchange.getProperty(REPLAY_OF, Long.class);
        if (replayOf != null && store.recordReplayFailure(replayOf, reason, summary, attempts + 1)) {
            // a replay that failed again stays the same dead letter; the replayer writes its history
            LOG.warn("event=replay-failed deadLetterId={} route={} attempts={} reason=\"{}\"", replayOf, routeId,
                    attempts + 1, reason);
            exchange.getIn().setHeader(DEAD_LETTER_ID, replayOf);
            exchange.setProperty(DEAD_LETTER_ID, replayOf);
            exchange.setProperty(REPLAY_FAILED_AGAIN, true);
            return replayOf;
        }
        Long messagePk = exchange.getIn().getHeader(MESSAGE_PK, Long.class);
        String messageId = exchange.getIn().getHeader(MESSAGE_ID, String.class);
        String documentName = exchange.getIn().getHeader(DOCUMENT_NAME, String.class);
        long id = store.record(messagePk, messageId, documentName, routeId, endpointUri, reason,
                summary, headersJson(exchange.getIn().getHeaders()), exchange.getIn().getBody(String.class),
                attempts + 1);
        LOG.error("event=dead-letter deadLetterId={} route={} messageId={} attempts={} reason=\"{}\"",
                id, routeId, messageId, attempts + 1, reason);
        exchange.getIn().setHeader(DEAD_LETTER_ID, id);
        exchange.setProperty(DEAD_LETTER_ID, id);
        return id;
    }

    /** The exception chain, one line per cause, no stack frames. */
    static String summary(Throwable cause) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = cause; t != null && sb.length() < 3500; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append("\ncaused by ");
            }
            sb.append(t.getClass().getName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }

    String headersJson(Map<String, Object> headers) {
        Map<String, String> kept = new TreeMap<>();
        headers.forEach((k, v) -> {
            boolean simple = v instanceof CharSequence || v instanceof Number || v instanceof Boolean;
            if (simple && !SECRET_HEADERS.contains(k.toLowerCase(Locale.ROOT))) {
                kept.put(k, String.valueOf(v));
            }
        });
        try {
            return json.writeValueAsString(kept);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }
}
