package io.switchboard.ops;

import io.switchboard.alert.AlertHeaders;
import org.apache.camel.Exchange;

/**
 * Counts a freshly recorded dead letter and turns it into an alert for direct:alert. Works on its own
 * copy of the failed exchange (route dead-letter-alert). No alert for a replay that failed again (the
 * operator is already on it), for the alert routes' own dead letters (no loop), nor when the caller
 * raises its own alert (CALLER_ALERTS, e.g. ion.invalid-message.* for an ION 400).
 */
public class DeadLetterAlerts {

    private final HubMetrics metrics;

    public DeadLetterAlerts(HubMetrics metrics) {
        this.metrics = metrics;
    }

    public void prepare(Exchange exchange) {
        String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, "unknown", String.class);
        boolean replay = exchange.getProperty(DeadLetterRecorder.REPLAY_FAILED_AGAIN, false, Boolean.class);
        if (!replay) {
            metrics.deadLetterRecorded(routeId);
        }
        Object id = exchange.getProperty(DeadLetterRecorder.DEAD_LETTER_ID);
        boolean callerAlerts = exchange.getProperty(DeadLetterRecorder.CALLER_ALERTS, false, Boolean.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = MaskingConverter.mask(cause == null ? "unknown failure"
                : cause.getClass().getSimpleName() + ": " + cause.getMessage());
        var out = exchange.getIn();
        out.removeHeaders("*");
        if (replay || callerAlerts || routeId.startsWith("alert")) {
            out.setBody(null);
            return;
        }
        out.setHeader(AlertHeaders.TITLE, "Dead letter in " + routeId);
        out.setHeader(AlertHeaders.PRIORITY, 0);
        out.setHeader(AlertHeaders.DEDUP_KEY, "dead-letter." + routeId);
        out.setBody("Dead letter " + id + " in route " + routeId + ": " + reason
                + " (see /api/admin/dead-letters/" + id + ")");
    }
}
