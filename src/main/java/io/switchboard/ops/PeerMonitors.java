package io.switchboard.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The bean ("peerMonitors") where each peer integration registers its monitor. */
public class PeerMonitors {

    private final List<PeerMonitor> monitors = new CopyOnWriteArrayList<>();

    public void register(PeerMonitor monitor) {
        monitors.removeIf(m -> m.name().equals(monitor.name()));
        monitors.add(monitor);
    }

    public List<PeerMonitor> all() {
        return List.copyOf(monitors);
    }

    public Optional<PeerMonitor> find(String name) {
        return monitors.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** A peer as operators see it (health, JMX): enabled, state, healthy, lastSuccess, lastError, queueDepths. */
    public static Map<String, Object> describe(PeerMonitor peer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", peer.name());
        m.put("enabled", peer.enabled());
        m.put("state", peer.state());
        m.put("healthy", peer.healthy());
        m.put("lastSuccess", peer.lastSuccess() == null ? null : peer.lastSuccess().toString());
        m.put("lastError", MaskingConverter.mask(peer.lastError()));
        m.put("queueDepths", peer.queueDepths() == null ? Map.of() : peer.queueDepths());
        return m;
    }
}
