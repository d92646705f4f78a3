package io.switchboard.ion;

import io.switchboard.ops.DeadLetterChannel;
import io.switchboard.ops.RedeliverySettings;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * Dispatch plumbing around the YAML routing table (routes/dispatch.camel.yaml, route ion-dispatch):
 * the queue worker that claims a stored message and runs the table, the dead end that marks it
 * DEAD before the shared dead-letter store, and the recovery of hand-offs lost in a crash.
 */
public class DispatchRoutes extends RouteBuilder {

    /** Route configuration the routing table uses: redelivery per hub.redelivery.dispatch.*, then DEAD. */
    public static final String CONFIGURATION_ID = "dead-letter-dispatch";
    static final String DEAD_ENDPOINT = "direct:ion-dispatch-dead";

    private final DispatchStatus status;
    private final DispatchQueue queue;
    private final RedeliverySettings redelivery;
    private boolean recovered;

    public DispatchRoutes(DispatchStatus status, DispatchQueue queue, RedeliverySettings redelivery) {
        this.status = status;
        this.queue = queue;
        this.redelivery = redelivery;
    }

    /** The named dead-letter channel of the routing table. */
    public RouteConfigurationBuilder deadLetterConfiguration() {
        return new RouteConfigurationBuilder() {
            @Override
            public void configuration() {
                routeConfiguration(CONFIGURATION_ID)
                        .errorHandler(deadLetterChannel(DEAD_ENDPOINT)
                                .deadLetterHandleNewException(true)
                                .useOriginalMessage()
                                .maximumRedeliveries(redelivery.maximumRedeliveries())
                                .redeliveryDelay(redelivery.initialDelay())
                                .useExponentialBackOff()
                                .backOffMultiplier(redelivery.multiplier())
                                .maximumRedeliveryDelay(redelivery.maximumDelay())
                                .asyncDelayedRedelivery()
                                .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                                .onRedelivery(e -> e.setProperty(io.switchboard.ops.DeadLetterRecorder.REDELIVERIES,
                                        e.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class))));
            }
        };
    }

    @Override
    public void configure() {
        from(DispatchQueue.ENDPOINT + "?concurrentConsumers={{hub.ims.dispatch.concurrent-consumers}}"
                + "&size={{hub.ims.dispatch.queue-size}}")
                .routeId("ion-dispatch-worker")
                // a store error here leaves the row RECEIVED/DISPATCHING: recovery queues it again
                .onException(Exception.class).handled(true).maximumRedeliveries(0)
                    .log(LoggingLevel.WARN, "event=ion-dispatch-deferred messageId=${header.MessageId}"
                            + " reason=\"${exception.message}\"")
                .end()
                // runs however the table ended: a target's own dead-letter channel stops this pipeline
                .onCompletion().bean(status, "finish").end()
                .bean(status, "claim")
                .filter(exchangeProperty(DispatchStatus.SKIP).isEqualTo(false))
                    .to(IonHeaders.DISPATCH_ENDPOINT)
                .end();

        from(DEAD_ENDPOINT).routeId("ion-dispatch-dead")
                .errorHandler(noErrorHandler())
                .bean(status, "dead")
                .to(DeadLetterChannel.ENDPOINT);

        from("timer:ion-dispatch-recovery?delay={{hub.ims.dispatch.recovery-delay}}"
                + "&period={{hub.ims.dispatch.recovery-interval}}")
                .routeId("ion-dispatch-recovery")
                .onException(Exception.class).handled(true).maximumRedeliveries(0)
                    .log(LoggingLevel.WARN, "event=ion-dispatch-recovery-failed reason=\"${exception.message}\"")
                .end()
                .process(this::recover);
    }

    private void recover(Exchange exchange) {
        boolean atStartup = !recovered;
        var stranded = status.stranded(1000, atStartup);
        recovered = true;
        stranded.forEach(m -> queue.enqueue(m, m.id()));
        if (!stranded.isEmpty()) {
            log.info("event=ion-dispatch-recovered count={} atStartup={}", stranded.size(), atStartup);
        }
    }
}
