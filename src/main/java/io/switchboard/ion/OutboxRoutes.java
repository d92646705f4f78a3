package io.switchboard.ion;

import io.switchboard.ops.DeadLetterRecorder;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * direct:ion-outbound (routes queue a BOD; the row is committed before the route returns, header
 * MessageId = the new outbound message id) and, when ION is configured, the ion-outbox-drain timer.
 */
public class OutboxRoutes extends RouteBuilder {

    public static final String ENQUEUE_ROUTE = "ion-outbound-enqueue";
    public static final String DRAIN_ROUTE = "ion-outbox-drain";

    private final OutboxEnqueue enqueue;
    private final OutboxDrain drain;

    /** drain is null when ION outbound is disabled: messages are still queued, and sent once configured. */
    public OutboxRoutes(OutboxEnqueue enqueue, OutboxDrain drain) {
        this.enqueue = enqueue;
        this.drain = drain;
    }

    @Override
    public void configure() {
        from(IonHeaders.OUTBOUND_ENDPOINT).routeId(ENQUEUE_ROUTE)
                .process(this::enqueue);

        if (drain != null) {
            from("timer:ion-outbox-drain?period={{hub.ion.poll-interval}}&delay={{hub.ion.poll-interval}}")
                    .routeId(DRAIN_ROUTE)
                    // a failed pass (e.g. database down) is retried by the next tick; claimed rows come back by lease
                    .onException(Exception.class).handled(true)
                        .log(org.apache.camel.LoggingLevel.ERROR,
                                "event=ion-drain-failed error=\"${exception.message}\"")
                    .end()
                    .process(e -> drain.drain());
        }
    }

    private void enqueue(Exchange exchange) {
        var in = exchange.getIn();
        String payload = in.getBody(String.class);
        String problem = OutboxPayloadCheck.problem(payload);
        String documentName = in.getHeader(IonHeaders.DOCUMENT_NAME, String.class);
        if (documentName == null || documentName.isBlank()) {
            throw new IllegalArgumentException("header " + IonHeaders.DOCUMENT_NAME + " is required");
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String messageId = enqueue.enqueue(documentName.trim(), in.getHeader(IonHeaders.TO_LOGICAL_ID, String.class),
                in.getHeader(IonHeaders.VARIATION, String.class), payload);
        in.setHeader(IonHeaders.MESSAGE_ID, messageId);
        in.setHeader(DeadLetterRecorder.QUEUED_MESSAGE_ID, messageId);
    }
}
