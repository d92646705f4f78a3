package io.switchboard;

import org.apache.camel.CamelContext;

/** Typed access to the hub's properties (application.properties, -D, environment). */
public class HubProperties {

    private final CamelContext context;

    public HubProperties(CamelContext context) {
        this.context = context;
    }

    /** The value, or "" when the key is unset. */
    public String get(String key) {
        return context.getPropertiesComponent().resolveProperty(key).map(String::trim).orElse("");
    }

    public Secret secret(String key) {
        return Secret.of(get(key));
    }

    public int integer(String key) {
        String value = get(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("property " + key + " must be a whole number, was '" + value + "'");
        }
    }

    public long longValue(String key) {
        String value = get(key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("property " + key + " must be a whole number, was '" + value + "'");
        }
    }

    public boolean bool(String key) {
        return Boolean.parseBoolean(get(key));
    }
}
