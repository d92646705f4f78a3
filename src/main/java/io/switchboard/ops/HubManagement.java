package io.switchboard.ops;

import java.util.LinkedHashMap;
import java.util.Map;

import io.switchboard.store.DeadLetterStore;

/** Implements Switchboard:type=Hub from the health report, the peer monitors and the stores. */
public class HubManagement implements HubMXBean {

    private final HealthReport health;
    private final PeerMonitors peers;
    private final DeadLetterStore deadLetters;
    private final RouteTableVersion routeTable;
    private final AdminViews views;

    public HubManagement(HealthReport health, PeerMonitors peers, DeadLetterStore deadLetters,
            RouteTableVersion routeTable, AdminViews views) {
        this.health = health;
        this.peers = peers;
        this.deadLetters = deadLetters;
        this.routeTable = routeTable;
        this.views = views;
    }

    @Override
    public String getStatus() {
        return String.valueOf(health.build(HealthReport.Kind.ALL).get("status"));
    }

    @Override
    public String[] getPeerNames() {
        return peers.all().stream().map(PeerMonitor::name).toArray(String[]::new);
    }

    @Override
    public Map<String, String> getPeerStates() {
        Map<String, String> states = new LinkedHashMap<>();
        peers.all().forEach(p -> states.put(p.name(), p.enabled() ? String.valueOf(p.state()) : "DISABLED"));
        return states;
    }

    @Override
    public Map<String, Boolean> getPeerHealth() {
        Map<String, Boolean> healthy = new LinkedHashMap<>();
        peers.all().forEach(p -> healthy.put(p.name(), p.healthy()));
        return healthy;
    }

    @Override
    public String getPeersJson() {
        return views.write(peers.all().stream().map(PeerMonitors::describe).toList());
    }

    @Override
    public Map<String, Long> getDeadLetterCounts() {
        return deadLetters.countsByStatus();
    }

    @Override
    public String getRouteTableVersion() {
        return routeTable.current().hash();
    }

    @Override
    public String getRouteTableLoadedAt() {
        return routeTable.current().loadedAt().toString();
    }

    @Override
    public int getYamlRouteCount() {
        return routeTable.current().yamlRoutes();
    }

    @Override
    public String[] getRouteTableFiles() {
        return routeTable.current().files().toArray(String[]::new);
    }

    @Override
    public String getLastRejectedRouteEdit() {
        return routeTable.lastRejected().map(RouteTableVersion.RejectedEdit::describe).orElse("");
    }

    @Override
    public String peer(String name) {
        return peers.find(name).map(p -> views.write(PeerMonitors.describe(p)))
                .orElseThrow(() -> new IllegalArgumentException("no peer " + name + "; known: "
                        + String.join(",", getPeerNames())));
    }
}
