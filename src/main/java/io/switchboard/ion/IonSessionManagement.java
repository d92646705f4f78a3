package io.switchboard.ion;

import java.time.Instant;
import java.util.Map;

import io.switchboard.ops.PeerMonitor;

/** The session as operators see it: the IonSession MBean and the "ion" peer monitor. */
public class IonSessionManagement implements IonSessionMBean, PeerMonitor {

    private final IonSession session;
    private final OutboxStore outbox;
    private final long depthLimit;

    /** depthLimit: queueDepths (health, metrics) counts up to this many rows per status (hub.health.queue-depth-limit). */
    public IonSessionManagement(IonSession session, OutboxStore outbox, long depthLimit) {
        this.session = session;
        this.outbox = outbox;
        this.depthLimit = depthLimit;
    }

    @Override
    public String getState() {
        return session.state().name();
    }

    @Override
    public String getLastError() {
        return session.lastError();
    }

    @Override
    public long getQueuedCount() {
        return outbox.count(OutboxStore.QUEUED);
    }

    @Override
    public long getHeldCount() {
        return outbox.count(OutboxStore.HELD);
    }

    @Override
    public long getSentCount() {
        return outbox.count(OutboxStore.SENT);
    }

    @Override
    public long getDeadCount() {
        return outbox.count(OutboxStore.DEAD);
    }

    @Override
    public String getAcceptedDocuments() {
        return String.join(",", session.acceptedDocuments());
    }

    @Override
    public String getProtocolVersion() {
        return session.protocolVersion();
    }

    @Override
    public String getAcceptedDocumentsPathForm() {
        return session.acceptedDocumentsForm().name();
    }

    @Override
    public void resume() {
        session.resume();
    }

    @Override
    public void refreshAcceptedDocuments() {
        session.refreshAcceptedDocuments();
    }

    @Override
    public String name() {
        return "ion";
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public String state() {
        return getState();
    }

    @Override
    public boolean healthy() {
        return session.state() == IonSessionState.READY;
    }

    @Override
    public Instant lastSuccess() {
        return session.lastSuccess();
    }

    @Override
    public String lastError() {
        return session.lastError();
    }

    @Override
    public Map<String, Long> queueDepths() {
        return outbox.queueDepths(depthLimit);
    }
}
