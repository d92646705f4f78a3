package io.switchboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A credential that prints as **** everywhere: logs, JMX, error bodies, toString. */
public final class Secret {

    private static final Secret NONE = new Secret("");
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isBlank() ? NONE : new Secret(value.trim());
    }

    public boolean isPresent() {
        return !value.isEmpty();
    }

    /** The clear value, for the one place that sends it to its peer. */
    public String reveal() {
        return value;
    }

    /** Constant-time comparison, so response timing tells nothing about the secret. */
    public boolean matches(String candidate) {
        if (!isPresent() || candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return isPresent() ? "****" : "(not set)";
    }
}
