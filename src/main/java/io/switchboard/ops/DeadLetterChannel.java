package io.switchboard.ops;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The one error handler every route shares (Java and YAML): redeliver per
 * hub.redelivery.default.*, then hand the original message to direct:dead-letter.
 */
public class DeadLetterChannel extends RouteConfigurationBuilder {

    public static final String ENDPOINT = "direct:dead-letter";

    private final RedeliverySettings redelivery;

    public DeadLetterChannel(RedeliverySettings redelivery) {
        this.redelivery = redelivery;
    }

    @Override
    public void configuration() {
        routeConfiguration()
                .errorHandler(deadLetterChannel(ENDPOINT)
                        .deadLetterHandleNewException(true)
                        .useOriginalMessage()
                        .maximumRedeliveries(redelivery.maximumRedeliveries())
                        .redeliveryDelay(redelivery.initialDelay())
                        .useExponentialBackOff()
                        .backOffMultiplier(redelivery.multiplier())
                        .maximumRedeliveryDelay(redelivery.maximumDelay())
                        .useCollisionAvoidance()
                        // waiting for a retry holds no thread
                        .asyncDelayedRedelivery()
                        .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                        // the original message replaces the failed one, so count redeliveries where it survives
                        .onRedelivery(e -> e.setProperty(DeadLetterRecorder.REDELIVERIES,
                                e.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class))));
    }
}
