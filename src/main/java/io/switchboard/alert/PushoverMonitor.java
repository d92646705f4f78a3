package io.switchboard.alert;

import java.time.Instant;
import java.util.Map;

import io.switchboard.ops.PeerMonitor;

/** The "pushover" peer as health and operators see it. */
public class PushoverMonitor implements PeerMonitor {

    private final PushoverSettings settings;
    private final PushoverQuota quota;
    private final AlertStore store;
    private final PushoverOutcome outcome;

    public PushoverMonitor(PushoverSettings settings, PushoverQuota quota, AlertStore store, PushoverOutcome outcome) {
        this.settings = settings;
        this.quota = quota;
        this.store = store;
        this.outcome = outcome;
    }

    @Override
    public String name() {
        return "pushover";
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    /** DISABLED (alerts only logged), PAUSED (quota exhausted), FAILING (last attempt failed) or READY. */
    @Override
    public String state() {
        if (!settings.enabled()) {
            return "DISABLED";
        }
        if (quota.paused()) {
            return "PAUSED";
        }
        return outcome.lastError() != null ? "FAILING" : "READY";
    }

    @Override
    public boolean healthy() {
        return "READY".equals(state()) || "DISABLED".equals(state());
    }

    @Override
    public Instant lastSuccess() {
        return outcome.lastSuccess();
    }

    @Override
    public String lastError() {
        return outcome.lastError();
    }

    @Override
    public Map<String, Long> queueDepths() {
        return Map.of("queued", store.countByStatus(AlertStore.QUEUED) + store.countByStatus(AlertStore.SENDING),
                "dead", store.countByStatus(AlertStore.DEAD));
    }
}
