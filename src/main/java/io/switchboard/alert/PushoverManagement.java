package io.switchboard.alert;

import java.time.Clock;
import java.time.Instant;

/** Publishes Switchboard:type=Pushover while the hub runs. */
public class PushoverManagement implements PushoverMBean {

    public static final String OBJECT_NAME = "Switchboard:type=Pushover";

    private final PushoverSettings settings;
    private final PushoverQuota quota;
    private final AlertStore store;
    private final PushoverOutcome outcome;
    private final Clock clock;

    public PushoverManagement(PushoverSettings settings, PushoverQuota quota, AlertStore store,
            PushoverOutcome outcome, Clock clock) {
        this.settings = settings;
        this.quota = quota;
        this.store = store;
        this.outcome = outcome;
        this.clock = clock;
    }

    @Override
    public boolean isEnabled() {
        return settings.enabled();
    }

    @Override
    public long getQuotaLimit() {
        return quota.reading().limit();
    }

    @Override
    public long getQuotaRemaining() {
        return quota.reading().remaining();
    }

    @Override
    public String getQuotaReset() {
        long reset = quota.reading().resetEpochSeconds();
        return reset < 0 ? "" : Instant.ofEpochSecond(reset).toString();
    }

    @Override
    public String getPausedUntil() {
        Instant until = quota.pausedUntil();
        return until.isAfter(clock.instant()) ? until.toString() : "";
    }

    @Override
    public long getQueuedCount() {
        return store.countByStatus(AlertStore.QUEUED) + store.countByStatus(AlertStore.SENDING);
    }

    @Override
    public long getSentCount() {
        return store.countByStatus(AlertStore.SENT);
    }

    @Override
    public long getDeadCount() {
        return store.countByStatus(AlertStore.DEAD);
    }

    @Override
    public long getLoggedCount() {
        return store.countByStatus(AlertStore.LOGGED);
    }

    @Override
    public String getLastError() {
        String error = outcome.lastError();
        return error == null ? "" : error;
    }
}
