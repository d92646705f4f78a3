package io.switchboard.ops;

import java.util.List;
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
}
