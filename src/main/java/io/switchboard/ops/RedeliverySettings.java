package io.switchboard.ops;

import io.switchboard.HubProperties;

/** A named redelivery policy from hub.redelivery.{name}.*: how often and how far apart to retry. */
public record RedeliverySettings(int maximumRedeliveries, long initialDelay, double multiplier, long maximumDelay) {

    public static RedeliverySettings from(HubProperties props, String name) {
        String prefix = "hub.redelivery." + name + ".";
        return new RedeliverySettings(
                props.integer(prefix + "maximum-redeliveries"),
                props.longValue(prefix + "initial-delay"),
                Double.parseDouble(props.get(prefix + "multiplier")),
                props.longValue(prefix + "maximum-delay"));
    }
}
