package io.switchboard.ops;

import java.time.Instant;
import java.util.Map;

/** A peer monitor a test controls: healthy or not, with fixed queue depths. */
record TestPeer(String name, boolean enabled, String state, boolean healthy, Instant lastSuccess, String lastError,
        Map<String, Long> queueDepths) implements PeerMonitor {
}
