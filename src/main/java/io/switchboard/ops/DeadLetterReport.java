package io.switchboard.ops;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * Hands a failure that happened outside a route's error handler (e.g. ION answering 400 to the outbox
 * drain) to the one dead-letter path, direct:dead-letter, so it is stored, counted and alerted like
 * every other dead letter.
 */
public class DeadLetterReport {

    /** What failed: the message as its endpoint received it, where a replay re-enters, and why. */
    public record Failure(String routeId, String replayEndpoint, String body, Map<String, Object> headers,
            Throwable cause, int attempts, boolean callerAlerts) {
    }

    private final CamelContext context;
    private final ProducerTemplate producer;

    public DeadLetterReport(CamelContext context) {
        this.context = context;
        this.producer = context.createProducerTemplate();
    }

    /** Records the dead letter and returns its id; throws when it could not be stored. */
    public long report(Failure failure) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setHeaders(new java.util.HashMap<>(failure.headers()));
        exchange.getIn().setBody(failure.body());
        exchange.setProperty(Exchange.FAILURE_ROUTE_ID, failure.routeId());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure.cause());
        exchange.setProperty(DeadLetterRecorder.REPLAY_ENDPOINT, failure.replayEndpoint());
        exchange.setProperty(DeadLetterRecorder.REDELIVERIES, Math.max(0, failure.attempts() - 1));
        exchange.setProperty(DeadLetterRecorder.CALLER_ALERTS, failure.callerAlerts());
        Exchange done = producer.send(DeadLetterChannel.ENDPOINT, exchange);
        Long id = done.getProperty(DeadLetterRecorder.DEAD_LETTER_ID, Long.class);
        if (id == null) {
            throw new IllegalStateException("dead letter not recorded for route " + failure.routeId()
                    + (done.getException() == null ? "" : ": " + done.getException().getMessage()));
        }
        return id;
    }
}
