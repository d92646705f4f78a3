package io.switchboard.ion;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.switchboard.ops.StoreRefusal;
import io.switchboard.store.Database;
import io.switchboard.store.Direction;
import io.switchboard.store.GroupCommit;
import io.switchboard.store.MessageRecord;
import io.switchboard.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores inbound messages through the hub's group commit (store/GroupCommit): a message joins whatever
 * else is queued — other messages, dispatch statuses — in one transaction, and its future completes only
 * once that is committed, so nothing is acknowledged before it is on disk (docs/architecture.md#store).
 * The row is stored with this instance's dispatch lease, so the dispatch worker needs no claim commit.
 */
public class InboundMessageWriter {

    /**
     * What happened to one message: stored with its new row id (and this instance's dispatch lease until
     * leasedUntil, or null), or already stored before.
     */
    public record Outcome(long id, boolean duplicate, Instant leasedUntil) {
    }

    /** The store could not commit (database down, timeout): the caller must not acknowledge. */
    public static class StoreUnavailable extends RuntimeException {
        public StoreUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Who holds the lease of a row stored here: its dispatch runs on this instance (see DispatchStatus). */
    public record Lease(String instance, java.time.Duration length) {
    }

    /** The database refused this one row (too long, malformed, constraint): a 400 for its sender alone. */
    private static final class Refused extends RuntimeException {
        private final StoreRefusal refusal;

        Refused(StoreRefusal refusal) {
            super("store refused the row: SQLState " + refusal.sqlState(), null, false, false);
            this.refusal = refusal;
        }

        StoreRefusal refusal() {
            return refusal;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(InboundMessageWriter.class);

    private final GroupCommit commits;
    // the messages of one commit are inserted as JDBC batches (one round trip each for rows and steps)
    private final GroupCommit.Together inserts = (c, writes) -> {
        List<Insert> batch = writes.stream().map(Insert.class::cast).toList();
        long[] ids = MessageStore.insertLeased(c, batch.stream().map(Insert::row).toList());
        List<Object> outcomes = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            outcomes.add(new Outcome(ids[i], false, batch.get(i).leasedUntil));
        }
        return outcomes;
    };
    private final long commitTimeoutMillis;
    private final Lease lease; // null: stored without a lease (dispatch claims it)

    public InboundMessageWriter(GroupCommit commits, long commitTimeoutMillis, Lease lease) {
        this.commits = commits;
        this.commitTimeoutMillis = commitTimeoutMillis;
        this.lease = lease;
    }

    /** Inserts one new row (and its RECEIVED step) in the batch; alone, a duplicate is acknowledged as such. */
    private final class Insert extends GroupCommit.Write<Outcome> {
        private final MessageRecord message;
        private Instant leasedUntil;

        Insert(MessageRecord message) {
            this.message = message;
        }

        @Override
        protected GroupCommit.Together together() {
            return inserts;
        }

        MessageStore.LeasedRow row() {
            // a row stored with its final status (UNROUTED at intake) is never dispatched: no lease
            boolean leased = lease != null && InboundReceiver.STATUS_RECEIVED.equals(message.status());
            leasedUntil = leased ? Instant.now().plus(lease.length()) : null;
            return new MessageStore.LeasedRow(message, leased ? lease.instance() : null, leasedUntil);
        }

        @Override
        protected Outcome apply(Connection c) throws SQLException {
            MessageStore.LeasedRow row = row();
            return new Outcome(MessageStore.insertLeased(c, message, row.claimedBy(), row.claimedUntil()), false,
                    leasedUntil);
        }

        @Override
        protected Outcome applyAlone(Database database) {
            try {
                return database.inTransaction(this::apply);
            } catch (RuntimeException e) {
                if (Database.isUniqueViolation(e)) {
                    // an ION retry, or another instance stored it meanwhile: acknowledged, dispatched once
                    long rowId = new MessageStore(database).find(Direction.IN, message.messageId())
                            .map(MessageRecord::id).orElse(0L);
                    return new Outcome(rowId, true, null);
                }
                Optional<StoreRefusal> refusal = StoreRefusal.of(e);
                if (refusal.isPresent()) {
                    LOG.warn("event=ims-store-refused-row messageId={} sqlState={}", message.messageId(),
                            refusal.get().sqlState());
                    throw new Refused(refusal.get());
                }
                throw e;
            }
        }

        @Override
        protected boolean failAtStop() {
            return true; // not stored: the sender is told to send it again
        }
    }

    /**
     * Queues the message for the next group commit. The future completes (on the writer thread) once the
     * batch is committed: with the Outcome, or StoreUnavailable / HttpProblem (a row the database refuses).
     * No thread waits for it: the caller answers from the completion.
     */
    public CompletableFuture<Outcome> submit(MessageRecord message) {
        return commits.submit(new Insert(message))
                // the batch may still commit later; ION retries and the retry is then a duplicate (acknowledged)
                .orTimeout(commitTimeoutMillis, TimeUnit.MILLISECONDS)
                .handle((outcome, failure) -> {
                    if (failure == null) {
                        return outcome;
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof Refused refused) {
                        throw refused.refusal().problem();
                    }
                    if (cause instanceof TimeoutException) {
                        throw new StoreUnavailable("store commit timed out after " + commitTimeoutMillis + " ms",
                                cause);
                    }
                    if (cause instanceof GroupCommit.Stopping) {
                        throw new StoreUnavailable("store writer not running", cause);
                    }
                    throw new StoreUnavailable("store commit failed: " + cause.getMessage(), cause);
                });
    }

    /** Stores the message durably (committed) or throws StoreUnavailable; blocks the caller (tests, tools). */
    public Outcome write(MessageRecord message) {
        try {
            return submit(message).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Writes waiting for a commit right now. */
    public int queued() {
        return commits.queued();
    }
}
