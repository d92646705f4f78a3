package io.switchboard.ion;

import java.time.Instant;
import java.util.Map;

import io.switchboard.ops.PeerMonitor;

/** The "ion" peer monitor when no usable .ionapi file is configured: messages are queued, not sent. */
public record IonOutboundDisabled(String reason, OutboxStore outbox, long depthLimit) implements PeerMonitor {

    @Override
    public String name() {
        return "ion";
    }

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public String state() {
        return "DISABLED";
    }

    @Override
    public boolean healthy() {
        return true;
    }

    @Override
    public Instant lastSuccess() {
        return null;
    }

    @Override
    public String lastError() {
        return reason;
    }

    @Override
    public Map<String, Long> queueDepths() {
        return Map.of("queued", outbox.countUpTo(OutboxStore.QUEUED, depthLimit));
    }
}
