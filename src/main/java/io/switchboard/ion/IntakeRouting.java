package io.switchboard.ion;

import java.util.List;
import java.util.Optional;

import io.switchboard.alert.AlertHeaders;
import io.switchboard.alert.AlertIntake;
import io.switchboard.store.MessageRecord;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the routing table (route ion-dispatch) on an inbound message before it is stored, to tell one no
 * rule matches: that message is stored UNROUTED in its intake commit and never queued for dispatch (one
 * row write instead of two, no dispatch worker); only its notice (the otherwise branch's targets) is
 * handed on after the commit. Any other outcome — a rule matched, the table failed, or it is being
 * replaced — is stored RECEIVED and dispatched as before (the worker runs the table again, with its
 * redelivery and dead letter).
 *
 * A notice that is only an alert (DispatchTargets = direct:alert) whose dedup key the alert intake is
 * folding right now is counted there at once, as the end of the alert routes would count it, and goes no
 * further; any other notice is queued for delivery (route ion-unrouted-notice).
 */
public class IntakeRouting {

    /** The status detail (message.last_error) of a message no rule matched. */
    public static final String UNROUTED_DETAIL = "no rule in routes/dispatch.camel.yaml matched";
    // never waits for a table being replaced (direct: blocks 30 s by default): the worker dispatches it instead
    private static final String TABLE = IonHeaders.DISPATCH_ENDPOINT + "?block=false";
    private static final Logger LOG = LoggerFactory.getLogger(IntakeRouting.class);
    private static final List<String> ALERT_ONLY = List.of(AlertHeaders.ENDPOINT);

    private final CamelContext context;
    private final boolean enabled;
    private final DispatchQueue queue;
    private final AlertIntake alerts; // null: every notice is queued
    private volatile Producer table; // resolved once: a URI look-up per message was measurable

    /** enabled: hub.ims.dispatch.route-at-intake (false: every message goes through the dispatch worker). */
    public IntakeRouting(CamelContext context, boolean enabled, DispatchQueue queue, AlertIntake alerts) {
        this.context = context;
        this.enabled = enabled;
        this.queue = queue;
        this.alerts = alerts;
    }

    /** The notice of a message now stored UNROUTED with this row id: counted by a folding alert, or queued. */
    public void stored(Exchange notice, long id) {
        Message in = notice.getIn();
        if (alerts != null
                && ALERT_ONLY.equals(DispatchDeliveries.targets(in.getHeader(IonHeaders.DISPATCH_TARGETS, String.class)))
                && alerts.foldRepeat(in.getHeader(AlertHeaders.DEDUP_KEY, String.class))) {
            return;
        }
        queue.enqueueNotice(notice, id);
    }

    /**
     * The table's output (body and headers its otherwise branch set, DispatchTargets = the notice) when no
     * rule matches the message; empty when one does, the table failed, or routing at intake is off.
     */
    public Optional<Exchange> unrouted(MessageRecord message, BodDocument.RoutingFields routing) {
        if (!enabled) {
            return Optional.empty();
        }
        Producer producer;
        try {
            producer = table();
        } catch (Exception e) {
            return Optional.empty(); // no table to run here: the worker runs it
        }
        Exchange exchange = producer.getEndpoint().createExchange();
        exchange.getIn().setHeaders(DispatchQueue.headers(message, routing));
        exchange.getIn().setBody(message.payload());
        try {
            producer.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            // the worker runs the table again, with redelivery; a failure there is DEAD + dead letter
            LOG.debug("event=ion-intake-routing-deferred messageId={} reason=\"{}\"", message.messageId(),
                    exchange.getException().getClass().getSimpleName());
            return Optional.empty();
        }
        return DispatchStatus.unrouted(exchange.getIn().getHeader(IonHeaders.DISPATCH_ROUTE, String.class),
                exchange.getIn().getHeader(IonHeaders.DISPATCH_TARGETS, String.class))
                ? Optional.of(exchange) : Optional.empty();
    }

    private Producer table() throws Exception {
        Producer resolved = table;
        if (resolved == null) {
            resolved = context.getEndpoint(TABLE).createProducer();
            ServiceHelper.startService(resolved);
            table = resolved;
        }
        return resolved;
    }
}
