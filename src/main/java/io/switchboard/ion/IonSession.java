package io.switchboard.ion;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IMS v3 session state machine: initialisation (versions, acceptedDocuments), the send-cycle preparation
 * (ping + versions after idle or after a failure), backing off, AUTH_FAILED and SUSPENDED. The drain asks
 * {@link #ready()} before it claims rows and reports each failed call through {@link #failed(IonException)}.
 * The back-off grows with consecutive failures; a successful ping does not reset it while sends keep failing
 * (only a sent message does), so ION answering ping but refusing multipartMessage is one growing outage.
 */
public class IonSession {

    private static final Logger LOG = LoggerFactory.getLogger(IonSession.class);

    /** Tuning of the session; all from hub.ion.* properties. */
    public record Settings(IonBackoff backoff, Duration acceptedDocumentsRefresh, Duration pingAfterIdle) {
    }

    private final IonClient client;
    private final IonCredentialsFile credentialsFile;
    private final OutboxStore outbox;
    private final IonAlerts alerts;
    private final IonOutageLog outageLog;
    private final Settings settings;
    private final Set<String> heldAlerted = ConcurrentHashMap.newKeySet();

    private volatile IonSessionState state = IonSessionState.INITIALIZING;
    private volatile Set<String> accepted = Set.of();
    private volatile String lastError;
    private volatile Instant lastSuccess;
    private Instant acceptedAt = Instant.EPOCH;
    private Instant nextTryAt = Instant.EPOCH;
    private volatile Instant lastContact;
    private int failures;
    private boolean sendFailing;
    private boolean notEntitledAlerted;
    private boolean pathRefusedAlerted;
    private boolean outageAlerted;

    public IonSession(IonClient client, IonCredentialsFile credentialsFile, OutboxStore outbox, IonAlerts alerts,
            IonOutageLog outageLog, Settings settings) {
        this.client = client;
        this.credentialsFile = credentialsFile;
        this.outbox = outbox;
        this.alerts = alerts;
        this.outageLog = outageLog;
        this.settings = settings;
    }

    public IonSessionState state() {
        return state;
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    /** When the session tries ION again after a failure (the back-off it chose). */
    public synchronized Instant nextTryAt() {
        return nextTryAt;
    }

    public Set<String> acceptedDocuments() {
        return accepted;
    }

    /** The IMS version in use ("v3"), chosen from what ION's /service/versions offers. */
    public String protocolVersion() {
        return client.version();
    }

    /** How the logical id went into the last successful acceptedDocuments path. */
    public IonClient.LogicalIdForm acceptedDocumentsForm() {
        return client.acceptedDocumentsForm();
    }

    /** Moves the session on when its time has come; true when messages may be sent now. */
    public synchronized boolean ready() {
        Instant now = Instant.now();
        switch (state) {
            case SUSPENDED:
                return false;
            case AUTH_FAILED:
                var fresh = credentialsFile.changed();
                if (fresh.isEmpty()) {
                    return false;
                }
                client.useCredentials(fresh.get());
                LOG.info("event=ion-credentials-changed file={} action=reinitialise", credentialsFile.path());
                enter(IonSessionState.INITIALIZING, "credentials file changed");
                initialise(now);
                break;
            case INITIALIZING:
                if (now.isBefore(nextTryAt)) {
                    return false;
                }
                initialise(now);
                break;
            case BACKING_OFF:
                if (now.isBefore(nextTryAt)) {
                    return false;
                }
                probe(now);
                break;
            case READY:
                if (!now.isBefore(acceptedAt.plus(settings.acceptedDocumentsRefresh()))) {
                    refreshAccepted(now);
                }
                break;
            default:
                break;
        }
        return state == IonSessionState.READY;
    }

    /**
     * IMS send cycle, first step: ping (and check versions) before a batch, but only when ION has been quiet for
     * hub.ion.ping-after-idle; after a failure the BACKING_OFF probe has just done it. False = the batch waits.
     */
    public synchronized boolean gate() {
        if (state != IonSessionState.READY) {
            return false;
        }
        Instant now = Instant.now();
        if (lastContact != null && now.isBefore(lastContact.plus(settings.pingAfterIdle()))) {
            return true;
        }
        return prepare(now);
    }

    public boolean accepts(String documentName) {
        return accepted.contains(documentName);
    }

    /** A message went out: the outage (if any) is over and the back-off starts again from the beginning. */
    public synchronized void succeeded() {
        lastSuccess = Instant.now();
        lastContact = lastSuccess;
        sendFailing = false;
        markAlive(lastSuccess);
    }

    /** A call failed; the exception's type decides the next state (IMS send cycle status handling). */
    public synchronized void failed(IonException e) {
        failed(e, false);
    }

    /** A multipartMessage failed: the outage lasts until a message goes out, whatever ping says. */
    public synchronized void sendFailed(IonException e) {
        failed(e, true);
    }

    private void failed(IonException e, boolean onSend) {
        Instant now = Instant.now();
        lastError = e.getMessage();
        if (e instanceof IonAuthFailed auth) {
            if (state != IonSessionState.AUTH_FAILED) {
                enter(IonSessionState.AUTH_FAILED, e.getMessage());
                LOG.error("event=ion-auth-failed status={} cause=\"{}\" action=\"sending stopped until the .ionapi"
                        + " file changes or resume() via JMX\"", e.status(), e.getMessage());
                alerts.raise("ion.auth-failed", auth.credentialsRefused() ? "ION refuses the hub's credentials"
                        : "ION refuses the hub as sender",
                        "ION answered " + e.status() + ": " + e.getMessage() + ". Nothing is sent; messages are"
                                + " kept. Fix it, then replace the .ionapi file or call resume() on"
                                + " Switchboard:type=IonSession.", 1);
            }
            return;
        }
        if (e instanceof IonNotEntitled) {
            enter(IonSessionState.INITIALIZING, e.getMessage());
            scheduleRetry(now);
            if (!notEntitledAlerted) {
                notEntitledAlerted = true;
                LOG.error("event=ion-not-entitled cause=\"{}\" action=\"initialising again with back-off\"",
                        e.getMessage());
                alerts.raise("ion.not-entitled", "ION connection point inactive or not entitled",
                        "ION answered 412: " + e.getMessage() + ". The hub keeps retrying initialisation;"
                                + " activate the connection point in ION.", 1);
            }
            return;
        }
        if (e instanceof IonPathRefused) {
            enter(IonSessionState.INITIALIZING, e.getMessage());
            scheduleRetry(now);
            if (!pathRefusedAlerted) {
                pathRefusedAlerted = true;
                LOG.error("event=ion-accepted-documents-path-refused cause=\"{}\" action=\"initialising again with"
                        + " back-off\"", e.getMessage());
                alerts.raise("ion.accepted-documents-path", "acceptedDocuments path refused",
                        "ION (or the API Gateway in front of it) answered 404 to GET acceptedDocuments: "
                                + e.getMessage() + ". ION itself answers; nothing is sent until the path is found.", 1);
            }
            return;
        }
        sendFailing |= onSend;
        if (state != IonSessionState.INITIALIZING) {
            enter(IonSessionState.BACKING_OFF, e.getMessage());
        }
        scheduleRetry(now);
        if (outageLog.failure(e.getMessage(), now) && !outageAlerted) {
            outageAlerted = true;
            if (sendFailing) {
                alerts.raise("ion.unavailable", "ION does not accept messages", "multipartMessage has failed for"
                        + " more than one error-log window (ping may still answer); last cause: " + e.getMessage()
                        + ". Messages stay queued; the retry delay grows with every failed attempt.", 0);
            } else {
                alerts.raise("ion.unavailable", "ION unreachable", "ION has not answered properly for more than one"
                        + " error-log window; last cause: " + e.getMessage() + ". Messages stay queued.", 0);
            }
        }
    }

    /** ION refused one message (400): it is dead-lettered already; alert, and halt when on-invalid=stop. */
    public void rejected(OutboxMessage m, long deadLetterId, IonRejectedMessage e, boolean stop) {
        alerts.raise("ion.invalid-message." + m.documentName(), "ION rejected " + m.documentName(),
                "ION answered 400 for message " + m.messageId() + " (" + m.documentName() + "): " + e.getMessage()
                        + ". It is dead letter " + deadLetterId + (stop ? "; sending is suspended (on-invalid=stop)."
                        : "; the next messages go on."), 1);
        if (stop) {
            suspend("message " + m.messageId() + " rejected with 400 and hub.ion.on-invalid=stop");
        }
    }

    /** ION offers no v3, or on-invalid=stop: nothing goes out until an operator resumes. */
    public synchronized void suspend(String reason) {
        lastError = reason;
        enter(IonSessionState.SUSPENDED, reason);
    }

    /** Operator action: start again from initialisation now (after AUTH_FAILED or SUSPENDED). */
    public synchronized void resume() {
        credentialsFile.changed().ifPresent(client::useCredentials);
        failures = 0;
        sendFailing = false;
        nextTryAt = Instant.EPOCH;
        notEntitledAlerted = false;
        pathRefusedAlerted = false;
        enter(IonSessionState.INITIALIZING, "resumed by operator");
    }

    /** Operator action and periodic task: ask ION for acceptedDocuments now. */
    public synchronized void refreshAcceptedDocuments() {
        if (state == IonSessionState.READY) {
            refreshAccepted(Instant.now());
        } else if (state == IonSessionState.INITIALIZING || state == IonSessionState.BACKING_OFF) {
            nextTryAt = Instant.EPOCH;
        }
    }

    /** Alerts once per document type that ION does not accept. */
    public void held(String documentName) {
        if (heldAlerted.add(documentName)) {
            LOG.warn("event=ion-document-held documentName={} reason=not-in-acceptedDocuments", documentName);
            alerts.raise("ion.held." + documentName, "ION does not accept " + documentName,
                    "Messages of document " + documentName + " are held: it is not in ION's acceptedDocuments for"
                            + " this logical id. They go out automatically once ION accepts it.", 0);
        }
    }

    private void initialise(Instant now) {
        try {
            if (!versionsOffered(now)) {
                return;
            }
            useAccepted(client.acceptedDocuments(), now);
            notEntitledAlerted = false;
            pathRefusedAlerted = false;
            enter(IonSessionState.READY, null);
            alive(now);
        } catch (IonException e) {
            failed(e);
        }
    }

    /** BACKING_OFF: the delay is over; prepare a send cycle again. */
    private void probe(Instant now) {
        if (prepare(now)) {
            enter(IonSessionState.READY, null);
            alive(now);
        }
    }

    /** Send-cycle preparation: ping, then versions (a downgrade below v3 is found without a restart). */
    private boolean prepare(Instant now) {
        try {
            client.ping();
            lastContact = now;
            return versionsOffered(now);
        } catch (IonException e) {
            failed(e);
            return false;
        }
    }

    /** IMS: "checks whether the ION version is v3 or later"; suspends (with one alert) when it is not. */
    private boolean versionsOffered(Instant now) {
        var offered = client.versions();
        lastContact = now;
        var chosen = IonProtocolVersions.choose(offered);
        if (chosen.isEmpty()) {
            String reason = "ION offers protocol versions " + offered + " without v3 or later";
            LOG.error("event=ion-suspended reason=\"{}\"", reason);
            // alert first: whoever sees SUSPENDED (JMX, health) also finds the alert raised
            alerts.raise("ion.no-v3", "ION does not offer IMS v3", reason + "; outbound sending is suspended until"
                    + " resume() on Switchboard:type=IonSession.", 1);
            suspend(reason);
            return false;
        }
        if (!chosen.get().equals(client.version())) {
            LOG.info("event=ion-protocol-version offered={} using={}", offered, chosen.get());
            client.useVersion(chosen.get());
        }
        return true;
    }

    private void refreshAccepted(Instant now) {
        try {
            useAccepted(client.acceptedDocuments(), now);
        } catch (IonException e) {
            failed(e);
        }
    }

    private void useAccepted(Set<String> documents, Instant now) {
        accepted = Set.copyOf(documents);
        acceptedAt = now;
        int released = outbox.releaseHeld(accepted);
        heldAlerted.removeIf(accepted::contains);
        LOG.info("event=ion-accepted-documents count={} releasedFromHold={}", accepted.size(), released);
    }

    /** ION answered a preparation: the outage ends unless sends are still failing (then only a sent message ends it). */
    private void alive(Instant now) {
        lastContact = now;
        if (!sendFailing) {
            markAlive(now);
        }
    }

    private void markAlive(Instant now) {
        failures = 0;
        lastSuccess = now;
        outageLog.recovered(now);
        outageAlerted = false;
    }

    private void scheduleRetry(Instant now) {
        failures++;
        nextTryAt = now.plus(settings.backoff().delay(failures));
    }

    private void enter(IonSessionState next, String reason) {
        if (state != next) {
            LOG.info("event=ion-session-state from={} to={}{}", state, next,
                    reason == null ? "" : " reason=\"" + reason + "\"");
            state = next;
        }
    }
}
