package io.switchboard.ops;

import io.switchboard.HubProperties;

/**
 * A named redelivery policy from hub.redelivery.{name}.*: how often and how far apart to retry.
 * jitter is Camel's collision-avoidance factor (0.15 = each delay varies by ±15%), optional per policy.
 */
public record RedeliverySettings(int maximumRedeliveries, long initialDelay, double multiplier, long maximumDelay,
        double jitter) {

    public static final double DEFAULT_JITTER = 0.15;

    public RedeliverySettings(int maximumRedeliveries, long initialDelay, double multiplier, long maximumDelay) {
        this(maximumRedeliveries, initialDelay, multiplier, maximumDelay, DEFAULT_JITTER);
    }

    public static RedeliverySettings from(HubProperties props, String name) {
        String prefix = "hub.redelivery." + name + ".";
        String jitter = props.get(prefix + "jitter");
        return new RedeliverySettings(
                props.integer(prefix + "maximum-redeliveries"),
                props.longValue(prefix + "initial-delay"),
                Double.parseDouble(props.get(prefix + "multiplier")),
                props.longValue(prefix + "maximum-delay"),
                jitter.isEmpty() ? DEFAULT_JITTER : Double.parseDouble(jitter));
    }
}
