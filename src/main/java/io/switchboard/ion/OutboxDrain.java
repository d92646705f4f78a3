package io.switchboard.ion;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import io.switchboard.ops.DeadLetterReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Drains the outbox while the session is READY: up to hub.ion.parallelism lanes (one ordering key each, up to
 * hub.ion.outbox.claim-per-key consecutive rows) are in flight at any time, each sent in order; every message ION
 * accepted goes to the {@link OutboxSentWriter}, which marks the SENT messages of all lanes in shared commits, and a
 * lane ends only once its SENT rows are committed. ION is pinged before a lane only after hub.ion.ping-after-idle without contact
 * or after a failure (IonSession#gate). A lane stops at its first message that did not go out; the rest of it
 * goes back unattempted.
 */
public class OutboxDrain {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDrain.class);

    /** What to do after ION refused a message with 400. */
    public enum OnInvalid { SKIP, STOP }

    /** summaryInterval: how often the INFO line event=ion-sent-summary counts what went out (per message: DEBUG). */
    public record Settings(int parallelism, Duration lease, OnInvalid onInvalid, int claimPerKey,
            Duration summaryInterval) {

        public Settings(int parallelism, Duration lease, OnInvalid onInvalid, int claimPerKey) {
            this(parallelism, lease, onInvalid, claimPerKey, Duration.ofMinutes(1));
        }

        public Settings(int parallelism, Duration lease, OnInvalid onInvalid) {
            this(parallelism, lease, onInvalid, 1);
        }
    }

    private final OutboxStore outbox;
    private final IonSession session;
    private final IonClient client;
    private final DeadLetterReport deadLetters;
    private final ExecutorService senders;
    private final OutboxSentWriter sentWriter;
    private final Settings settings;
    private final OutboxSentSummary summary;

    public OutboxDrain(OutboxStore outbox, IonSession session, IonClient client, DeadLetterReport deadLetters,
            ExecutorService senders, OutboxSentWriter sentWriter, Settings settings) {
        this.outbox = outbox;
        this.sentWriter = sentWriter;
        this.session = session;
        this.client = client;
        this.deadLetters = deadLetters;
        this.senders = senders;
        this.settings = settings;
        this.summary = new OutboxSentSummary(settings.summaryInterval());
    }

    /**
     * One drain pass (the ion-outbox-drain timer): keeps up to hub.ion.parallelism lanes in flight, claiming
     * the next lane as soon as one finishes (no round waits for its slowest lane), until nothing is due or the
     * session stops being READY. Returns how many claimed messages were handled.
     */
    public int drain() throws InterruptedException {
        CompletionService<Integer> finished = new ExecutorCompletionService<>(senders);
        int handled = 0;
        int running = 0;
        while (true) {
            if (session.ready()) {
                running += start(finished, settings.parallelism() - running);
            }
            if (running == 0) {
                summary.logIfDue();
                return handled;
            }
            Future<Integer> lane = finished.take();
            running--;
            try {
                handled += lane.get();
                summary.logIfDue();
            } catch (ExecutionException e) {
                // the row keeps its lease and comes back when it expires
                LOG.error("event=ion-send-crashed error=\"{}\"", e.getCause().toString());
            }
        }
    }

    /** Claims up to free lanes and starts them; the send-cycle gate (ping after idle) comes first. */
    private int start(CompletionService<Integer> finished, int free) {
        if (free <= 0) {
            return 0;
        }
        List<List<OutboxMessage>> lanes = outbox.claimLanes(free, settings.claimPerKey(), settings.lease());
        if (lanes.isEmpty()) {
            return 0;
        }
        if (!session.gate()) {
            for (List<OutboxMessage> lane : lanes) {
                lane.forEach(m -> outbox.release(m, session.lastError()));
                outbox.endLane(lane);
            }
            return 0;
        }
        for (List<OutboxMessage> lane : lanes) {
            finished.submit(() -> {
                deliverLane(lane);
                return lane.size();
            });
        }
        return lanes.size();
    }

    /**
     * One ordering key's claimed messages, in order. Each accepted message goes to the SENT writer at once (its
     * SENT journey event, which carries the attempt's HTTP status, is written with its status) and the lane sends the next; at its end the lane asks for a
     * flush and waits for those commits, and only then gives the key's lease back, so the key is never claimed
     * again while a SENT of it is unwritten. A lane that ends in an error keeps the lease until it expires.
     */
    void deliverLane(List<OutboxMessage> lane) {
        List<CompletableFuture<Void>> written = new ArrayList<>(lane.size());
        try {
            for (int i = 0; i < lane.size(); i++) {
                if (!deliver(lane.get(i), written)) {
                    outbox.unclaim(lane.subList(i + 1, lane.size()));
                    break;
                }
            }
        } finally {
            if (!written.isEmpty()) {
                sentWriter.flush();
                // a failed SENT write throws here: the key keeps its lease and its rows come back when it expires
                CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).join();
            }
        }
        outbox.endLane(lane);
    }

    /** The wait the session chose after a failure, or null when it waits for an operator instead. */
    private Duration backoff() {
        Duration wait = Duration.between(Instant.now(), session.nextTryAt());
        return wait.isNegative() ? null : wait;
    }

    /** Sends one message; true when the lane may go on (sent, or dead-lettered with on-invalid=skip). */
    boolean deliver(OutboxMessage m, List<CompletableFuture<Void>> written) {
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
                // SENT only after ION's 2xx (its journey event carries the attempt), in a commit shared across lanes
                written.add(sentWriter.sent(new OutboxStore.Delivered(m, status)));
                session.succeeded();
                summary.sent(m.documentName());
                // per message at DEBUG (HUB_LOG_LEVEL=DEBUG); the journey keeps every step, INFO the periodic summary
                LOG.debug("event=ion-sent documentName={} attempts={}", m.documentName(), m.attempts());
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
