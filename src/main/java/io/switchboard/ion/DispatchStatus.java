package io.switchboard.ion;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.switchboard.ops.DeadLetterRecorder;
import io.switchboard.store.Direction;
import io.switchboard.store.MessageRecord;
import io.switchboard.store.MessageStore;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatch states of an inbound message: RECEIVED → DISPATCHING (claimed) → ROUTED | UNROUTED | DEAD.
 * The claim makes a message dispatched once even when recovery queues it a second time.
 */
public class DispatchStatus {

    public static final String DISPATCHING = "DISPATCHING";
    public static final String ROUTED = "ROUTED";
    public static final String UNROUTED = "UNROUTED";
    public static final String DEAD = "DEAD";
    /** The DispatchRoute value the routing table's otherwise branch sets. */
    public static final String UNROUTED_ROUTE = "unrouted";
    /** Exchange property: the row was already claimed by someone else. */
    public static final String SKIP = "SwitchboardDispatchSkip";
    private static final String MARKED_DEAD = "SwitchboardDispatchMarkedDead";

    private static final Logger LOG = LoggerFactory.getLogger(DispatchStatus.class);

    private final MessageStore store;
    private final Duration recoverAfter;
    // rows this instance touched are its own in-flight work, never start-up leftovers
    private final Instant startedAt = Instant.now();

    public DispatchStatus(MessageStore store, Duration recoverAfter) {
        this.store = store;
        this.recoverAfter = recoverAfter;
    }

    /** Claims the row for this dispatch; sets SKIP when it is no longer RECEIVED. */
    public void claim(Exchange exchange) {
        long id = exchange.getIn().getHeader(DeadLetterRecorder.MESSAGE_PK, Long.class);
        int claimed = store.database().update("UPDATE message SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                DISPATCHING, Instant.now(), id, InboundReceiver.STATUS_RECEIVED);
        exchange.setProperty(SKIP, claimed == 0);
    }

    /**
     * When the worker's exchange is done: ROUTED/UNROUTED, or DEAD when a target gave up and wrote a
     * dead letter; nothing when not claimed, already DEAD, or a store error (recovery retries it).
     */
    public void finish(Exchange exchange) {
        if (!Boolean.FALSE.equals(exchange.getProperty(SKIP)) || exchange.getProperty(MARKED_DEAD) != null
                || exchange.getException() != null) {
            return;
        }
        String failedRoute = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
        if (failedRoute != null) {
            long id = exchange.getIn().getHeader(DeadLetterRecorder.MESSAGE_PK, Long.class);
            Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            store.updateStatus(id, DEAD, exchange.getIn().getHeader(IonHeaders.DISPATCH_ROUTE, String.class),
                    "dead letter in route " + failedRoute + (cause == null ? "" : ": " + cause));
            LOG.warn("event=ion-dispatch-dead messageId={} failedRoute={}",
                    exchange.getIn().getHeader(IonHeaders.MESSAGE_ID), failedRoute);
            return;
        }
        complete(exchange);
    }

    /** After the routing table returned normally: ROUTED with its target, or UNROUTED. */
    void complete(Exchange exchange) {
        long id = exchange.getIn().getHeader(DeadLetterRecorder.MESSAGE_PK, Long.class);
        String route = exchange.getIn().getHeader(IonHeaders.DISPATCH_ROUTE, String.class);
        boolean unrouted = route == null || UNROUTED_ROUTE.equals(route);
        store.updateStatus(id, unrouted ? UNROUTED : ROUTED, unrouted ? null : route,
                unrouted ? "no rule in routes/dispatch.camel.yaml matched" : "dispatched to " + route);
        LOG.info("event=ion-dispatched messageId={} status={} route={}",
                exchange.getIn().getHeader(IonHeaders.MESSAGE_ID), unrouted ? UNROUTED : ROUTED, route);
    }

    /** The dispatch dead-letter channel gave up: the message is DEAD (its dead letter is replayable). */
    public void dead(Exchange exchange) {
        Long id = exchange.getIn().getHeader(DeadLetterRecorder.MESSAGE_PK, Long.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (id != null) {
            store.updateStatus(id, DEAD, null, cause == null ? "dispatch failed" : cause.toString());
            exchange.setProperty(MARKED_DEAD, true);
        }
    }

    /**
     * Rows whose hand-off was lost. At start-up: RECEIVED or DISPATCHING rows last touched before this
     * instance started (a crash left them). Later: only RECEIVED rows older than recover-after — a
     * DISPATCHING row may still be in a long redelivery and must not be dispatched a second time.
     */
    public List<MessageRecord> stranded(int limit, boolean atStartup) {
        Instant before = atStartup ? startedAt : Instant.now().minus(recoverAfter);
        String statuses = atStartup ? "status IN (?, ?)" : "status IN (?)";
        Object[] params = atStartup
                ? new Object[] {Direction.IN, InboundReceiver.STATUS_RECEIVED, DISPATCHING, before}
                : new Object[] {Direction.IN, InboundReceiver.STATUS_RECEIVED, before};
        List<Long> ids = store.database().query("SELECT id FROM message WHERE direction = ? AND " + statuses
                + " AND updated_at < ? ORDER BY id", rs -> rs.getLong(1), params);
        return ids.stream().limit(limit).map(id -> {
            // a claim left by a crashed hub goes back to RECEIVED so the next claim succeeds
            store.database().update("UPDATE message SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                    InboundReceiver.STATUS_RECEIVED, Instant.now(), id, DISPATCHING);
            return store.find(id).orElse(null);
        }).filter(m -> m != null).toList();
    }
}
