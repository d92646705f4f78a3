package io.switchboard.ops;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * Runs Camel's health checks, adds the peers, and shapes both into the JSON served at /observe/health.
 * DOWN is for the hub itself (store, Camel); an unhealthy peer only makes the hub DEGRADED, because the
 * hub still accepts and keeps messages for it.
 */
public class HealthReport {

    /** What a probe asks: everything, only liveness, or only readiness. */
    public enum Kind { ALL, LIVE, READY }

    public static final String UP = "UP";
    public static final String DEGRADED = "DEGRADED";
    public static final String DOWN = "DOWN";

    private final CamelContext context;

    public HealthReport(CamelContext context) {
        this.context = context;
    }

    public Map<String, Object> build(Kind kind) {
        Collection<HealthCheck.Result> results = invoke(kind);
        // peer checks (PeerHealthCheck) are Camel checks too, but a peer only ever makes the hub DEGRADED
        List<HealthCheck.Result> hubResults = results.stream()
                .filter(r -> !r.getCheck().getId().startsWith(PeerHealthCheck.ID_PREFIX)).toList();
        boolean hubUp = hubResults.stream().allMatch(r -> r.getState() != HealthCheck.State.DOWN);
        List<Map<String, Object>> checks = new ArrayList<>();
        for (HealthCheck.Result r : hubResults) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("name", r.getCheck().getId());
            check.put("status", r.getState().name());
            r.getMessage().ifPresent(m -> check.put("message", m));
            checks.add(check);
        }
        List<Map<String, Object>> peers = new ArrayList<>();
        List<String> unhealthy = new ArrayList<>();
        PeerMonitors monitors = context.getRegistry().lookupByNameAndType("peerMonitors", PeerMonitors.class);
        if (monitors != null && kind != Kind.LIVE) {
            for (PeerMonitor peer : monitors.all()) {
                Map<String, Object> view = PeerMonitors.describe(peer);
                boolean ok = !peer.enabled() || peer.healthy();
                view.put("status", !peer.enabled() ? "DISABLED" : ok ? UP : DOWN);
                if (!ok) {
                    unhealthy.add(peer.name());
                }
                peers.add(view);
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("status", !hubUp ? DOWN : unhealthy.isEmpty() ? UP : DEGRADED);
        if (!unhealthy.isEmpty()) {
            report.put("degradedPeers", unhealthy);
        }
        report.put("checks", checks);
        if (kind != Kind.LIVE) {
            report.put("peers", peers);
            RouteTableVersion routeTable = context.getRegistry().lookupByNameAndType("routeTableVersion",
                    RouteTableVersion.class);
            if (routeTable != null) {
                report.put("routeTable", routeTable.describe());
            }
        }
        return report;
    }

    /**
     * Camel's checks; a route check can throw while a safe reload removes its route (NullPointerException
     * inside Camel), so a failed pass is taken again on the routes that are there now.
     */
    private Collection<HealthCheck.Result> invoke(Kind kind) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return switch (kind) {
                    case LIVE -> HealthCheckHelper.invokeLiveness(context);
                    case READY -> HealthCheckHelper.invokeReadiness(context);
                    case ALL -> HealthCheckHelper.invoke(context);
                };
            } catch (RuntimeException routesChanging) {
                last = routesChanging;
            }
        }
        throw last;
    }

    /** UP and DEGRADED serve traffic (HTTP 200); only DOWN answers 503. */
    public static boolean isUp(Map<String, Object> report) {
        return !DOWN.equals(report.get("status"));
    }
}
