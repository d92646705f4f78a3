package io.switchboard.ops;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * One peer (ion, pushover, i2a, acrobits) as a Camel readiness check, so camel.health.* and Camel's health
 * MBean see it. DOWN here means the peer is unhealthy; /observe/health turns that into DEGRADED, not DOWN.
 */
public class PeerHealthCheck extends AbstractHealthCheck {

    /** Ids of peer checks start with this; HealthReport keeps them out of the hub's own UP/DOWN. */
    public static final String ID_PREFIX = "peer:";

    private final PeerMonitors monitors;
    private final String peer;

    public PeerHealthCheck(PeerMonitors monitors, String peer) {
        super("switchboard", ID_PREFIX + peer);
        this.monitors = monitors;
        this.peer = peer;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        // the monitor is looked up per call: a wiring may replace it (register() keeps one per name)
        PeerMonitor monitor = monitors.find(peer).orElse(null);
        if (monitor == null || !monitor.enabled()) {
            builder.detail("state", "DISABLED").message("not configured").up();
            return;
        }
        builder.detail("state", monitor.state());
        if (monitor.healthy()) {
            builder.up();
        } else {
            String error = MaskingConverter.mask(monitor.lastError());
            builder.message(error == null ? monitor.state() : error).down();
        }
    }
}
