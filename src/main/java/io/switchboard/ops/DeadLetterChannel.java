package io.switchboard.ops;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The dead-letter channel: redeliver per a named policy (hub.redelivery.{name}.*), then hand the
 * original message to direct:dead-letter. The unnamed one applies to every route (Java and YAML)
 * that names no route configuration; a peer's routes use routeConfigurationId("dead-letter-{peer}").
 */
public class DeadLetterChannel extends RouteConfigurationBuilder {

    public static final String ENDPOINT = "direct:dead-letter";

    private final String policyName;
    private final RedeliverySettings redelivery;

    /** The default channel, for every route that names no route configuration. */
    public DeadLetterChannel(RedeliverySettings redelivery) {
        this(null, redelivery);
    }

    /** A named channel: routes opt in with routeConfigurationId(DeadLetterChannel.idFor(policyName)). */
    public DeadLetterChannel(String policyName, RedeliverySettings redelivery) {
        this.policyName = policyName;
        this.redelivery = redelivery;
    }

    public static String idFor(String policyName) {
        return "dead-letter-" + policyName;
    }

    @Override
    public void configuration() {
        var configuration = policyName == null ? routeConfiguration() : routeConfiguration(idFor(policyName));
        configuration
                .errorHandler(deadLetterChannel(ENDPOINT)
                        .deadLetterHandleNewException(true)
                        .useOriginalMessage()
                        .maximumRedeliveries(redelivery.maximumRedeliveries())
                        .redeliveryDelay(redelivery.initialDelay())
                        .useExponentialBackOff()
                        .backOffMultiplier(redelivery.multiplier())
                        .maximumRedeliveryDelay(redelivery.maximumDelay())
                        .useCollisionAvoidance()
                        .collisionAvoidancePercent(redelivery.jitter() * 100)
                        // waiting for a retry holds no thread
                        .asyncDelayedRedelivery()
                        .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                        // the original message replaces the failed one, so count redeliveries where it survives
                        .onRedelivery(e -> e.setProperty(DeadLetterRecorder.REDELIVERIES,
                                e.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class))));
    }
}
