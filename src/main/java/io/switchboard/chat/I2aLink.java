package io.switchboard.chat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.switchboard.alert.AlertHeaders;
import io.switchboard.ops.PeerMonitor;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's view of its connection to I2A: READY, UNAVAILABLE (last call failed with 5xx/timeout),
 * AUTH_FAILED (I2A refused the secret: no more calls until an operator resumes or the hub restarts
 * with a new secret) or DISABLED. Registered as the "i2a" peer monitor.
 */
public class I2aLink implements PeerMonitor {

    public enum State { DISABLED, READY, UNAVAILABLE, AUTH_FAILED }

    public static final String AUTH_DEDUP_KEY = "chat.auth-failed";

    private static final Logger LOG = LoggerFactory.getLogger(I2aLink.class);

    private final boolean enabled;
    private final ProducerTemplate alerts;
    private final Supplier<Map<String, Long>> depths;
    private final AtomicReference<State> state;
    private volatile Instant lastSuccess;
    private volatile String lastError;

    public I2aLink(boolean enabled, ProducerTemplate alerts, Supplier<Map<String, Long>> depths) {
        this.enabled = enabled;
        this.alerts = alerts;
        this.depths = depths;
        this.state = new AtomicReference<>(enabled ? State.READY : State.DISABLED);
    }

    /** Throws instead of letting a call reach I2A while it is known to refuse the secret. */
    public void checkCallsAllowed() {
        if (!enabled) {
            throw new ChatDisabled();
        }
        if (state.get() == State.AUTH_FAILED) {
            throw new I2aAuthFailed("calls to I2A are suspended: it refused the application secret (401); "
                    + "fix hub.i2a.app-secret and restart, or resume via POST /api/chat/i2a/resume");
        }
    }

    public void succeeded() {
        lastSuccess = Instant.now();
        if (state.compareAndSet(State.UNAVAILABLE, State.READY)) {
            LOG.info("event=i2a-available");
        }
    }

    public void unavailable(String error) {
        lastError = error;
        if (state.compareAndSet(State.READY, State.UNAVAILABLE)) {
            LOG.warn("event=i2a-unavailable error=\"{}\"", error);
        }
    }

    public void rejected(String error) {
        lastError = error;
    }

    /** 401 from I2A: suspend calls and alert once per outage. */
    public void authFailed(String error) {
        lastError = error;
        State before = state.getAndSet(State.AUTH_FAILED);
        if (before != State.AUTH_FAILED) {
            LOG.error("event=i2a-auth-failed action=calls-suspended error=\"{}\"", error);
            alert();
        }
    }

    /** Operator action: allow calls again; the next call tests the secret. */
    public State resume() {
        if (enabled && state.compareAndSet(State.AUTH_FAILED, State.READY)) {
            LOG.warn("event=i2a-resumed by=operator");
        }
        return state.get();
    }

    private void alert() {
        try {
            alerts.sendBodyAndHeaders(AlertHeaders.ENDPOINT,
                    "I2A Chat refused the hub's application secret (401). Chat calls are suspended; "
                            + "chat events become dead letters until hub.i2a.app-secret is fixed.",
                    Map.of(AlertHeaders.TITLE, "I2A Chat: application secret refused",
                            AlertHeaders.PRIORITY, 1,
                            AlertHeaders.DEDUP_KEY, AUTH_DEDUP_KEY));
        } catch (RuntimeException e) {
            LOG.error("event=i2a-auth-alert-failed error=\"{}\"", e.getMessage());
        }
    }

    public State currentState() {
        return state.get();
    }

    @Override
    public String name() {
        return "i2a";
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public String state() {
        return state.get().name();
    }

    @Override
    public boolean healthy() {
        return state.get() == State.READY;
    }

    @Override
    public Instant lastSuccess() {
        return lastSuccess;
    }

    @Override
    public String lastError() {
        return lastError;
    }

    @Override
    public Map<String, Long> queueDepths() {
        return enabled ? depths.get() : new LinkedHashMap<>();
    }
}
