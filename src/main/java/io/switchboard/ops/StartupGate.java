package io.switchboard.ops;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: DOWN until every start-up step that registered here has finished (the IMS intake handler is
 * installed on the HTTP router only once Camel has fully started), so the first healthy answer means the
 * hub really takes messages, not just that its routes are up.
 */
public class StartupGate extends AbstractHealthCheck {

    public static final String BEAN = "startupGate";

    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    public StartupGate() {
        super("switchboard", "startup");
    }

    /** A step the hub is not ready without; call {@link #done} when it has finished. */
    public void await(String step) {
        pending.add(step);
    }

    public void done(String step) {
        pending.remove(step);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (pending.isEmpty()) {
            builder.up();
        } else {
            builder.message("starting: waiting for " + String.join(",", pending.stream().sorted().toList())).down();
        }
    }
}
