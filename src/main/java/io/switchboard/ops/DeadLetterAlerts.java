package io.switchboard.ops;

import io.switchboard.alert.AlertHeaders;
import org.apache.camel.Exchange;

/**
 * Turns a freshly recorded dead letter into an alert for direct:alert. No alert for a replay that
 * failed again (the operator is already on it) nor for the alert routes' own dead letters (no loop).
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
        Object id = exchange.getIn().getHeader(DeadLetterRecorder.DEAD_LETTER_ID);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = MaskingConverter.mask(cause == null ? "unknown failure"
                : cause.getClass().getSimpleName() + ": " + cause.getMessage());
        var out = exchange.getIn();
        out.removeHeaders("*", DeadLetterRecorder.DEAD_LETTER_ID);
        if (replay || routeId.startsWith("alert")) {
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
