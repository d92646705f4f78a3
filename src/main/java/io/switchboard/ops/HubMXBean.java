package io.switchboard.ops;

import java.util.Map;

/** JMX Switchboard:type=Hub — the hub at a glance: status, peers, dead letters, routing-table version. */
public interface HubMXBean {

    /** UP, DEGRADED (a peer is unhealthy) or DOWN (the hub itself: store or Camel). */
    String getStatus();

    /** Registered peers (ion, i2a, pushover, acrobits — whichever integrations are built). */
    String[] getPeerNames();

    /** Peer name -> state (e.g. READY, BACKING_OFF, DISABLED). */
    Map<String, String> getPeerStates();

    /** Peer name -> healthy. */
    Map<String, Boolean> getPeerHealth();

    /** Every peer with enabled, state, healthy, lastSuccess, lastError and queueDepths, as JSON. */
    String getPeersJson();

    /** Dead letters per status (DEAD, REPLAYED, DISCARDED …). */
    Map<String, Long> getDeadLetterCounts();

    /** Hash of the YAML routing table as loaded. */
    String getRouteTableVersion();

    /** When this routing-table version was first seen (ISO-8601). */
    String getRouteTableLoadedAt();

    int getYamlRouteCount();

    /** The route files the loaded YAML routes came from (dispatch.camel.yaml …). */
    String[] getRouteTableFiles();

    /** The last route-file edit safe reload refused, "file:line: reason (at time)"; empty if none. */
    String getLastRejectedRouteEdit();

    /** One peer as JSON (same shape as an element of PeersJson). */
    String peer(String name);
}
