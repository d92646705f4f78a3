package io.switchboard.ion;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.store.Database;
import io.switchboard.store.GroupCommit;
import io.switchboard.store.MessageEvent;
import io.switchboard.store.MessageStore;

/**
 * Dispatch status writes through the hub's group commit (store/GroupCommit): the claims and the final
 * statuses + journey steps of every message the dispatch workers have in hand share one transaction
 * with each other and with the inbound rows being stored, instead of commits of their own. Each worker
 * waits for its own write, so a claim is on disk before its deliveries start and a status before the
 * worker takes the next message.
 */
public class DispatchStatusWriter {

    private final GroupCommit commits;
    private final GroupCommit.Batching batching;
    // the final statuses of one commit are written as JDBC batches (rows, then every journey step)
    private final GroupCommit.Together finishes = (c, writes) -> {
        MessageStore.finishDispatch(c, writes.stream().map(w -> ((Finish) w).end()).toList());
        return java.util.Collections.nCopies(writes.size(), Boolean.TRUE);
    };

    /** meters: where the two counters go (switchboard.dispatch.status.writes / .commits: writes per commit). */
    public DispatchStatusWriter(GroupCommit commits, MeterRegistry meters) {
        this.commits = commits;
        Counter writes = Counter.builder("switchboard.dispatch.status.writes")
                .description("dispatch claims and final statuses written").register(meters);
        Counter transactions = Counter.builder("switchboard.dispatch.status.commits")
                .description("transactions those writes took (group commit)").register(meters);
        this.batching = n -> {
            writes.increment(n);
            transactions.increment();
        };
    }

    private final class Claim extends GroupCommit.Write<Boolean> {
        private final long id;
        private final String instance;
        private final Instant until;

        Claim(long id, String instance, Instant until) {
            this.id = id;
            this.instance = instance;
            this.until = until;
        }

        @Override
        protected Boolean apply(Connection c) throws SQLException {
            return Database.update(c, "UPDATE message SET status = ?, claimed_by = ?, claimed_until = ?,"
                    + " updated_at = ? WHERE id = ? AND status = ?", DispatchStatus.DISPATCHING, instance, until,
                    Instant.now(), id, InboundReceiver.STATUS_RECEIVED) == 1;
        }

        @Override
        protected GroupCommit.Batching batching() {
            return batching;
        }
    }

    private final class Finish extends GroupCommit.Write<Boolean> {
        private final long id;
        private final String status;
        private final String route;
        private final String detail;
        private final List<MessageEvent> steps;
        private final Instant leaseEnded;

        Finish(long id, String status, String route, String detail, List<MessageEvent> steps, Instant leaseEnded) {
            this.id = id;
            this.status = status;
            this.route = route;
            this.detail = detail;
            this.steps = steps;
            this.leaseEnded = leaseEnded;
        }

        @Override
        protected Boolean apply(Connection c) throws SQLException {
            MessageStore.finishDispatch(c, id, status, route, detail, steps, leaseEnded);
            return Boolean.TRUE;
        }

        @Override
        protected GroupCommit.Together together() {
            return finishes;
        }

        MessageStore.DispatchEnd end() {
            return new MessageStore.DispatchEnd(id, status, route, detail, steps, leaseEnded);
        }

        @Override
        protected GroupCommit.Batching batching() {
            return batching;
        }
    }

    /** Ends a lease a row was stored with, now: its hand-off to the dispatch queue was lost (queue full). */
    private final class EndLease extends GroupCommit.Write<Boolean> {
        private final long id;
        private final String instance;

        EndLease(long id, String instance) {
            this.id = id;
            this.instance = instance;
        }

        @Override
        protected Boolean apply(Connection c) throws SQLException {
            return Database.update(c, "UPDATE message SET claimed_until = ? WHERE id = ? AND status = ?"
                    + " AND claimed_by = ?", Instant.now(), id, InboundReceiver.STATUS_RECEIVED, instance) == 1;
        }
    }

    /** Claims the row for this instance until the given time; false when it is no longer RECEIVED. */
    public boolean claim(long id, String instance, Instant until) {
        return join(commits.submit(new Claim(id, instance, until)));
    }

    /**
     * Ends a dispatch (see MessageStore.finishDispatch), committed with the batch it joins; the worker does
     * not wait for that commit (its deliveries are done; were the commit lost in a crash, the row is still
     * leased and dispatched again, as for any dispatch a crash interrupts).
     */
    public java.util.concurrent.CompletableFuture<Boolean> finish(long id, String status, String route,
            String detail, List<MessageEvent> steps, Instant leaseEnded) {
        return commits.submit(new Finish(id, status, route, detail, steps, leaseEnded));
    }

    /** Ends the intake's lease of a row whose hand-off was lost, without waiting: the next recovery takes it. */
    public void endLease(long id, String instance) {
        commits.submit(new EndLease(id, instance));
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> write) {
        try {
            return write.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
