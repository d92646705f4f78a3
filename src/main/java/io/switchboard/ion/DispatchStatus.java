package io.switchboard.ion;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

import io.switchboard.ops.DeadLetterRecorder;
import io.switchboard.ops.MaskingConverter;
import io.switchboard.store.Database;
import io.switchboard.store.Direction;
import io.switchboard.store.MessageEvent;
import io.switchboard.store.MessageRecord;
import io.switchboard.store.MessageStore;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatch states of an inbound message: RECEIVED → DISPATCHING (claimed) → ROUTED (every target
 * delivered) | PARTIAL (some targets dead) | DEAD (every target dead, or the table itself failed) |
 * UNROUTED (no rule matched). The claim makes a message dispatched once even when recovery queues it
 * a second time. Each target's outcome is a step of the message's journey.
 *
 * A claim is a lease (claimed_by = this instance, claimed_until): renewed while the dispatch runs,
 * ended when it finishes or is interrupted. Recovery — of any instance on the database — takes a
 * DISPATCHING row only once its lease has ended, so a starting instance never takes a message a live
 * peer is dispatching, and a released claim (interrupted, graceful stop) is taken at the next recovery.
 */
public class DispatchStatus {

    public static final String DISPATCHING = "DISPATCHING";
    public static final String ROUTED = "ROUTED";
    public static final String PARTIAL = "PARTIAL";
    public static final String UNROUTED = "UNROUTED";
    public static final String DEAD = "DEAD";
    /** Journey steps, one per target. */
    public static final String DELIVERED = "DELIVERED";
    public static final String DELIVERY_DEAD = "DELIVERY_DEAD";
    /** Journey step and exchange property: the hub stopped in the middle of this dispatch; the next start dispatches it again. */
    public static final String INTERRUPTED = "DISPATCH_INTERRUPTED";
    /** The DispatchRoute value the routing table's otherwise branch sets. */
    public static final String UNROUTED_ROUTE = "unrouted";
    /** Exchange property: the row was already claimed by someone else. */
    public static final String SKIP = "SwitchboardDispatchSkip";
    /** Header: until when (epoch ms) the intake's lease of this instance holds the row; the worker may skip the claim. */
    public static final String LEASED = "SwitchboardDispatchLeased";

    private static final Logger LOG = LoggerFactory.getLogger(DispatchStatus.class);

    /** What the status needs of a dispatch, taken from the worker's exchange before the targets finish. */
    public record Dispatch(Long pk, String messageId, String namedRoute) {

        static Dispatch of(Exchange exchange) {
            return new Dispatch(exchange.getIn().getHeader(DeadLetterRecorder.MESSAGE_PK, Long.class),
                    exchange.getIn().getHeader(IonHeaders.MESSAGE_ID, String.class),
                    exchange.getIn().getHeader(IonHeaders.DISPATCH_ROUTE, String.class));
        }
    }

    private final MessageStore store;
    private final Duration recoverAfter;
    private final String instance;
    private final Duration lease;
    private final DispatchStatusWriter writer; // null: every write its own commit
    // rows this instance touched are its own in-flight work, never start-up leftovers
    private final Instant startedAt = Instant.now();
    // rows a worker dispatches under the intake's lease (no claim): their leases are renewed while in hand
    private final java.util.Set<Long> inHand = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final int RENEW_PAGE = 100;

    public DispatchStatus(MessageStore store, Duration recoverAfter) {
        this(store, recoverAfter, "single", Duration.ofMinutes(1));
    }

    public DispatchStatus(MessageStore store, Duration recoverAfter, String instance, Duration lease) {
        this(store, recoverAfter, instance, lease, null);
    }

    public DispatchStatus(MessageStore store, Duration recoverAfter, String instance, Duration lease,
            DispatchStatusWriter writer) {
        this.writer = writer;
        this.store = store;
        this.recoverAfter = recoverAfter;
        this.instance = instance;
        this.lease = lease;
    }

    /** Claims the row for this dispatch (a lease of this instance); sets SKIP when it is no longer RECEIVED. */
    public void claim(Exchange exchange) {
        long id = exchange.getIn().getHeader(DeadLetterRecorder.MESSAGE_PK, Long.class);
        Long leasedUntil = exchange.getIn().getHeader(LEASED, Long.class);
        exchange.getIn().removeHeader(LEASED);
        Instant now = Instant.now();
        if (leasedUntil != null && leasedUntil - now.toEpochMilli() > lease.toMillis() / 2) {
            // the intake's commit was the claim, and its lease is far from ending: no peer can have taken it
            inHand.add(id);
            exchange.setProperty(SKIP, false);
            return;
        }
        boolean claimed = writer != null ? writer.claim(id, instance, now.plus(lease))
                : store.database().update("UPDATE message SET status = ?, claimed_by = ?, claimed_until = ?,"
                + " updated_at = ? WHERE id = ? AND status = ?",
                DISPATCHING, instance, now.plus(lease), now, id, InboundReceiver.STATUS_RECEIVED) == 1;
        exchange.setProperty(SKIP, !claimed);
    }

    private void finish(long id, String status, String route, String detail, List<MessageEvent> steps,
            Instant leaseEnded) {
        inHand.remove(id);
        if (writer != null) {
            writer.finish(id, status, route, detail, steps, leaseEnded).whenComplete((ok, failed) -> {
                if (failed != null) {
                    // the row keeps its lease: recovery dispatches it again once the lease ended
                    LOG.warn("event=ion-dispatch-status-failed id={} status={} reason=\"{}\" action=\"dispatched"
                            + " again after the lease\"", id, status, failed.getMessage());
                }
            });
        } else {
            store.finishDispatch(id, status, route, detail, steps, leaseEnded);
        }
    }

    /** Extends the leases of every dispatch this instance is running (a long redelivery keeps its message). */
    public int renewLeases() {
        Instant until = Instant.now().plus(lease);
        int renewed = store.database().update("UPDATE message SET claimed_until = ? WHERE direction = ? AND status = ?"
                + " AND claimed_by = ?", until, Direction.IN, DISPATCHING, instance);
        // rows the intake leased and a worker is dispatching without a claim (queued ones are not renewed:
        // a worker claims a row whose intake lease is half over, so a peer that took it meanwhile wins)
        List<Long> held = List.copyOf(inHand);
        for (int from = 0; from < held.size(); from += RENEW_PAGE) {
            List<Long> page = held.subList(from, Math.min(held.size(), from + RENEW_PAGE));
            List<Object> params = new ArrayList<>(List.of(until, instance, InboundReceiver.STATUS_RECEIVED));
            params.addAll(page);
            renewed += store.database().update("UPDATE message SET claimed_until = ? WHERE claimed_by = ? AND status = ?"
                    + " AND id IN (" + String.join(",", java.util.Collections.nCopies(page.size(), "?")) + ")",
                    params.toArray());
        }
        return renewed;
    }

    /** The lease the intake stores new rows with: this instance, for one lease length (renewed while queued). */
    public InboundMessageWriter.Lease intakeLease() {
        return new InboundMessageWriter.Lease(instance, lease);
    }

    /** The intake's hand-off of a leased row was lost (queue full): its lease ends, the next recovery takes it. */
    public void handOffLost(long id) {
        if (writer != null) {
            writer.endLease(id, instance);
        } else {
            store.database().update("UPDATE message SET claimed_until = ? WHERE id = ? AND status = ? AND claimed_by = ?",
                    Instant.now(), id, InboundReceiver.STATUS_RECEIVED, instance);
        }
    }

    /**
     * A graceful stop, after the dispatch routes finished or interrupted their work: any claim this
     * instance still holds goes back to RECEIVED with its lease ended, so another instance takes it at
     * its next recovery instead of after the lease.
     */
    public int releaseLeases() {
        Instant now = Instant.now();
        // queued, never started: only the lease ends
        store.database().update("UPDATE message SET claimed_until = ? WHERE direction = ? AND status = ?"
                + " AND claimed_by = ?", now, Direction.IN, InboundReceiver.STATUS_RECEIVED, instance);
        List<Long> held = store.database().query("SELECT id FROM message WHERE direction = ? AND status = ?"
                + " AND claimed_by = ?", rs -> rs.getLong(1), Direction.IN, DISPATCHING, instance);
        for (long id : held) {
            store.finishDispatch(id, InboundReceiver.STATUS_RECEIVED, null, "released: the hub instance stopped",
                    List.of(new MessageEvent(null, INTERRUPTED, "released by " + instance
                            + " at its stop; dispatched again by the next recovery of any instance")), now);
        }
        return held.size();
    }

    /**
     * After every target of the rule ended: the status summarises the deliveries, the journey gets one
     * step per target. The otherwise branch (DispatchRoute=unrouted) stays UNROUTED whatever its notice did.
     */
    public void complete(Dispatch dispatch, List<DeliveryOutcome> outcomes) {
        long id = dispatch.pk();
        String named = dispatch.namedRoute();
        String route = named != null && !named.isBlank() ? named
                : outcomes.stream().map(DeliveryOutcome::name).collect(Collectors.joining(","));
        boolean unrouted = UNROUTED_ROUTE.equals(route) || route.isBlank();
        List<MessageEvent> steps = new ArrayList<>();
        for (DeliveryOutcome o : outcomes) {
            if (unrouted && o.delivered()) {
                continue; // the unrouted notice is no delivery: only its failure is worth a step
            }
            steps.add(step(o));
        }
        List<String> dead = outcomes.stream().filter(o -> !o.delivered()).map(DeliveryOutcome::name).toList();
        String status;
        String detail;
        if (unrouted) {
            status = UNROUTED;
            detail = IntakeRouting.UNROUTED_DETAIL;
            route = null;
        } else if (dead.isEmpty()) {
            status = ROUTED;
            detail = "delivered to " + route;
        } else {
            status = dead.size() == outcomes.size() ? DEAD : PARTIAL;
            detail = "dead: " + String.join(",", dead) + (PARTIAL.equals(status) ? "; delivered: " + outcomes.stream()
                    .filter(DeliveryOutcome::delivered).map(DeliveryOutcome::name).collect(Collectors.joining(","))
                    : "") + "; replay the dead letters of the failed targets";
        }
        finish(id, status, route, detail, steps, null);
        // per message at DEBUG: thousands of lines a second is a flood; the journey API keeps every step
        LOG.debug("event=ion-dispatched messageId={} status={} route={} deadTargets={}", dispatch.messageId(), status,
                route, dead);
    }

    /** One target's outcome as a journey step: DELIVERED, or DELIVERY_DEAD with the error and its dead letter. */
    static MessageEvent step(DeliveryOutcome o) {
        return new MessageEvent(null, o.delivered() ? DELIVERED : DELIVERY_DEAD, o.delivered() ? o.target()
                : o.target() + " failed: " + o.error() + (o.deadLetterId() == null ? " (no dead letter recorded)"
                : " (dead letter " + o.deadLetterId() + ")"));
    }

    /** True when the table's output names no rule: DispatchRoute "unrouted", or neither a route nor a target. */
    static boolean unrouted(String namedRoute, String targets) {
        return namedRoute != null && !namedRoute.isBlank() ? UNROUTED_ROUTE.equals(namedRoute)
                : DispatchDeliveries.targets(targets).isEmpty();
    }

    /**
     * The notice of a message stored UNROUTED at intake ended: its status stays UNROUTED; a failed target
     * adds a DELIVERY_DEAD step (with its dead letter), a delivered one nothing (a notice is no delivery).
     */
    public void noticed(Dispatch dispatch, List<DeliveryOutcome> outcomes) {
        for (DeliveryOutcome o : outcomes) {
            if (o.interrupted()) {
                // the message is stored; only this notice is lost (the next unrouted message raises it again)
                LOG.warn("event=ion-unrouted-notice-interrupted messageId={} target={} reason=\"{}\"",
                        dispatch.messageId(), o.name(), o.error());
            } else if (!o.delivered()) {
                MessageEvent step = step(o);
                store.addEvent(dispatch.pk(), step.event(), step.detail());
            }
        }
    }

    /**
     * The routing table itself failed (not a target) and its redeliveries are spent: the message is DEAD
     * and its dead letter re-runs the whole dispatch (a stopping hub goes to {@link #interrupted} instead).
     */
    public void dead(Exchange exchange) {
        Long id = exchange.getIn().getHeader(DeadLetterRecorder.MESSAGE_PK, Long.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause == null ? "dispatch failed" : MaskingConverter.mask(cause.toString());
        if (id != null) {
            inHand.remove(id);
            store.updateStatus(id, DEAD, null, "routing table failed: " + reason);
        }
    }

    /**
     * True when a dispatch failure is the hub's own stop (graceful stop timed out and Camel rejects the
     * remaining work), not the message's: it must not become a dead letter. Marks the exchange INTERRUPTED.
     */
    public boolean stopping(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        boolean stopping = exchange.getContext().isStopping() || rejectedByStop(cause);
        if (stopping) {
            exchange.setProperty(INTERRUPTED, true);
        }
        return stopping;
    }

    /** Camel's answer to work still running when a graceful stop times out and is forced. */
    static boolean rejectedByStop(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RejectedExecutionException) {
                return true;
            }
        }
        return false;
    }

    /** The routing table failed because the hub is stopping: back to RECEIVED, the cause in the journey. */
    public void interrupted(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        interrupted(Dispatch.of(exchange), cause == null ? "hub stopping" : cause.toString());
    }

    /**
     * Back to RECEIVED, with why in the journey: start-up recovery (or, while running, the periodic one
     * after hub.ims.dispatch.recover-after) dispatches it again.
     */
    public void interrupted(Dispatch dispatch, String cause) {
        Long id = dispatch.pk();
        String detail = "interrupted: " + MaskingConverter.mask(cause);
        if (id != null) {
            // the lease ends now: the next recovery of any instance dispatches it again
            finish(id, InboundReceiver.STATUS_RECEIVED, null, detail,
                    List.of(new MessageEvent(null, INTERRUPTED, detail + "; dispatched again by recovery")),
                    Instant.now());
        }
        LOG.warn("event=ion-dispatch-interrupted messageId={} cause=\"{}\" action=\"dispatched again by recovery\"",
                dispatch.messageId(), detail);
    }

    /**
     * Rows to dispatch again, taken over by this instance in one transaction (on PostgreSQL with
     * FOR UPDATE SKIP LOCKED, so two recovering instances never take the same row):
     * - a claim whose lease ended: its instance crashed, was interrupted or released it at its stop (a
     *   RECEIVED row the intake stored with its instance's lease, or a DISPATCHING one);
     * - a RECEIVED row without a claim whose hand-off was lost: last touched before this instance
     *   started (at start-up) or longer ago than recover-after (later);
     * - at start-up a DISPATCHING row without lease left by an older version; on H2 (one instance only)
     *   any leased or DISPATCHING row left by the last run, lease or not.
     * A row under a live lease is never taken: its instance still has it queued or is dispatching it.
     * In id order after afterId (start-up recovery walks the whole backlog page by page).
     */
    public List<MessageRecord> stranded(long afterId, int limit, boolean atStartup) {
        Instant now = Instant.now();
        Instant lostBefore = atStartup ? startedAt : now.minus(recoverAfter);
        boolean postgres = store.database().isPostgres();
        List<Long> taken = store.database().inTransaction(c -> {
            // one query per status: H2 seeks its (direction, status) index only on an equality, and with
            // "status IN (…)" it read every inbound row of the table at every recovery run
            List<Long> ids = new ArrayList<>(strandedIds(c, InboundReceiver.STATUS_RECEIVED, now, lostBefore,
                    afterId, limit, atStartup, postgres));
            ids.addAll(strandedIds(c, DISPATCHING, now, lostBefore, afterId, limit, atStartup, postgres));
            ids.sort(null);
            List<Long> mine = new ArrayList<>();
            for (long id : ids.subList(0, Math.min(limit, ids.size()))) {
                // back to RECEIVED, no claim: the next claim (this instance's worker) succeeds
                int updated = Database.update(c, "UPDATE message SET status = ?,"
                        + " claimed_by = NULL, claimed_until = NULL, updated_at = ? WHERE id = ? AND status IN (?, ?)",
                        InboundReceiver.STATUS_RECEIVED, now, id, InboundReceiver.STATUS_RECEIVED, DISPATCHING);
                if (updated == 1) {
                    mine.add(id);
                }
            }
            return mine;
        });
        return taken.stream().map(id -> store.find(id).orElse(null)).filter(m -> m != null).toList();
    }

    /** The stranded rows of one status (see stranded), in id order after afterId (at most limit on PostgreSQL). */
    private List<Long> strandedIds(Connection c, String status, Instant now, Instant lostBefore,
            long afterId, int limit, boolean atStartup, boolean postgres) throws SQLException {
        StrandedQuery query = strandedQuery(status, now, lostBefore, startedAt, afterId, limit, atStartup, postgres);
        return Database.query(c, query.sql(), rs -> rs.getLong(1), query.parameters().toArray());
    }

    /** One status's recovery query and its parameters. */
    record StrandedQuery(String sql, List<Object> parameters) {
    }

    static StrandedQuery strandedQuery(String status, Instant now, Instant lostBefore, Instant startedAt, long afterId,
            int limit, boolean atStartup, boolean postgres) {
        boolean received = InboundReceiver.STATUS_RECEIVED.equals(status);
        List<Object> params = new ArrayList<>(List.of(Direction.IN, status, now));
        StringBuilder lost = new StringBuilder("claimed_until < ?");
        if (received) {
            // a hand-off lost without a claim
            lost.append(" OR (claimed_until IS NULL AND updated_at < ?)");
            params.add(lostBefore);
        }
        if (atStartup && postgres && !received) {
            // a claim without lease is older than leases (written before the upgrade)
            lost.append(" OR (claimed_until IS NULL AND updated_at < ?)");
            params.add(startedAt);
        } else if (atStartup && !postgres) {
            // on H2 there is no peer at all: any row the last run left, leased (kill -9 never ended it) or not
            lost.append(" OR updated_at < ?");
            params.add(startedAt);
        }
        params.add(afterId);
        return new StrandedQuery("SELECT id FROM message WHERE direction = ? AND status = ? AND (" + lost
                + ") AND id > ? ORDER BY id" + (postgres ? " LIMIT " + limit + " FOR UPDATE SKIP LOCKED" : ""), params);
    }

    /** The first page of {@link #stranded(long, int, boolean)}. */
    public List<MessageRecord> stranded(int limit, boolean atStartup) {
        return stranded(0, limit, atStartup);
    }
}
