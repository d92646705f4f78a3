package io.switchboard.ion;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import io.switchboard.ops.DeadLetterReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Drains the outbox while the session is READY: claims up to hub.ion.parallelism rows (at most one per
 * document name), pings, then sends them in parallel and records each outcome.
 */
public class OutboxDrain {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDrain.class);

    /** What to do after ION refused a message with 400. */
    public enum OnInvalid { SKIP, STOP }

    public record Settings(int parallelism, Duration lease, OnInvalid onInvalid) {
    }

    private final OutboxStore outbox;
    private final IonSession session;
    private final IonClient client;
    private final DeadLetterReport deadLetters;
    private final ExecutorService senders;
    private final Settings settings;

    public OutboxDrain(OutboxStore outbox, IonSession session, IonClient client, DeadLetterReport deadLetters,
            ExecutorService senders, Settings settings) {
        this.outbox = outbox;
        this.session = session;
        this.client = client;
        this.deadLetters = deadLetters;
        this.senders = senders;
        this.settings = settings;
    }

    /** One drain pass (the ion-outbox-drain timer): returns how many messages were handled. */
    public int drain() throws InterruptedException {
        int handled = 0;
        while (session.ready()) {
            List<OutboxMessage> batch = outbox.claim(settings.parallelism(), settings.lease());
            if (batch.isEmpty()) {
                break;
            }
            if (!session.gate()) {
                batch.forEach(m -> outbox.release(m, session.lastError()));
                break;
            }
            List<Future<?>> running = new ArrayList<>();
            for (OutboxMessage m : batch) {
                running.add(senders.submit(() -> deliver(m)));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    // the row keeps its lease and comes back when it expires
                    LOG.error("event=ion-send-crashed error=\"{}\"", e.getCause().toString());
                }
            }
            handled += batch.size();
        }
        return handled;
    }

    /** The wait the session chose after a failure, or null when it waits for an operator instead. */
    private Duration backoff() {
        Duration wait = Duration.between(Instant.now(), session.nextTryAt());
        return wait.isNegative() ? null : wait;
    }

    void deliver(OutboxMessage m) {
        MDC.put("messageId", m.messageId());
        try {
            if (!session.accepts(m.documentName())) {
                outbox.hold(m, "document " + m.documentName() + " not in ION acceptedDocuments");
                session.held(m.documentName());
                return;
            }
            if (session.state() != IonSessionState.READY) {
                outbox.release(m, "session " + session.state());
                return;
            }
            try {
                int status = client.send(m);
                outbox.attempt(m, status, null, null);
                outbox.markSent(m);
                session.succeeded();
                LOG.info("event=ion-sent documentName={} attempts={}", m.documentName(), m.attempts());
                LOG.debug("event=ion-sent-payload payload={}", m.payload());
            } catch (IonRejectedMessage e) {
                outbox.attempt(m, e.status(), e.getMessage(), null);
                // the one dead-letter path stores, counts and shows it; the session raises the ION-specific alert
                long deadLetter = deadLetters.report(new DeadLetterReport.Failure(OutboxRoutes.DRAIN_ROUTE,
                        IonHeaders.OUTBOUND_ENDPOINT, m.payload(), OutboxStore.replayHeaders(m), e, m.attempts(), true));
                outbox.markDead(m, e.getMessage());
                LOG.error("event=ion-message-rejected documentName={} deadLetterId={} onInvalid={} cause=\"{}\"",
                        m.documentName(), deadLetter, settings.onInvalid(), e.getMessage());
                session.rejected(m, deadLetter, e, settings.onInvalid() == OnInvalid.STOP);
            } catch (IonException e) {
                session.sendFailed(e);
                outbox.attempt(m, e.status(), e.getMessage(), backoff());
                outbox.release(m, e.getMessage());
            }
        } finally {
            MDC.remove("messageId");
        }
    }
}
