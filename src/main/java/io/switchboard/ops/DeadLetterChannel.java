package io.switchboard.ops;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The hub's channels are declared in routes/error-handling.camel.yaml (route configurations
 * "dead-letter-{peer}", policies hub.redelivery.{peer}.*). This builds the same channel in Java for a
 * route added at run time with a policy of its own (tests): redeliver, then hand the original message
 * to direct:dead-letter.
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
                        .onRedelivery(new RedeliveryCount()));
    }
}
