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
 * Drains the outbox while the session is READY: claims lanes (up to hub.ion.parallelism ordering keys,
 * up to hub.ion.outbox.claim-per-key consecutive rows each), pings, then sends the lanes in parallel,
 * each lane in order, and marks a lane's SENT messages in one commit. A lane stops at its first message
 * that did not go out; the rest of it goes back unattempted.
 */
public class OutboxDrain {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDrain.class);

    /** What to do after ION refused a message with 400. */
    public enum OnInvalid { SKIP, STOP }

    public record Settings(int parallelism, Duration lease, OnInvalid onInvalid, int claimPerKey) {

        public Settings(int parallelism, Duration lease, OnInvalid onInvalid) {
            this(parallelism, lease, onInvalid, 1);
        }
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
            List<List<OutboxMessage>> lanes = outbox.claimLanes(settings.parallelism(), settings.claimPerKey(),
                    settings.lease());
            if (lanes.isEmpty()) {
                break;
            }
            if (!session.gate()) {
                lanes.forEach(lane -> lane.forEach(m -> outbox.release(m, session.lastError())));
                break;
            }
            List<Future<?>> running = new ArrayList<>();
            for (List<OutboxMessage> lane : lanes) {
                running.add(senders.submit(() -> deliverLane(lane)));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    // the row keeps its lease and comes back when it expires
                    LOG.error("event=ion-send-crashed error=\"{}\"", e.getCause().toString());
                }
            }
            handled += lanes.stream().mapToInt(List::size).sum();
        }
        return handled;
    }

    /** One ordering key's claimed messages, in order; SENT ones (with their ATTEMPT events) are marked at the end. */
    void deliverLane(List<OutboxMessage> lane) {
        List<OutboxStore.Delivered> sent = new ArrayList<>(lane.size());
        try {
            for (int i = 0; i < lane.size(); i++) {
                if (!deliver(lane.get(i), sent)) {
                    outbox.unclaim(lane.subList(i + 1, lane.size()));
                    return;
                }
            }
        } finally {
            outbox.markDelivered(sent);
        }
    }

    /** The wait the session chose after a failure, or null when it waits for an operator instead. */
    private Duration backoff() {
        Duration wait = Duration.between(Instant.now(), session.nextTryAt());
        return wait.isNegative() ? null : wait;
    }

    /** Sends one message; true when the lane may go on (sent, or dead-lettered with on-invalid=skip). */
    boolean deliver(OutboxMessage m, List<OutboxStore.Delivered> sent) {
        MDC.put("messageId", m.messageId());
        try {
            if (!session.accepts(m.documentName())) {
                outbox.hold(m, "document " + m.documentName() + " not in ION acceptedDocuments");
                session.held(m.documentName());
                return false;
            }
            if (session.state() != IonSessionState.READY) {
                outbox.release(m, "session " + session.state());
                return false;
            }
            try {
                int status = client.send(m);
                // its ATTEMPT event is written with its SENT status, in the lane's one commit
                sent.add(new OutboxStore.Delivered(m, status));
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
                return settings.onInvalid() == OnInvalid.SKIP;
            } catch (IonException e) {
                session.sendFailed(e);
                outbox.attempt(m, e.status(), e.getMessage(), backoff());
                outbox.release(m, e.getMessage());
                return false;
            }
            return true;
        } finally {
            MDC.remove("messageId");
        }
    }
}
