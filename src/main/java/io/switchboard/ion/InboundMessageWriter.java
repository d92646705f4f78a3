package io.switchboard.ion;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.switchboard.ops.StoreRefusal;
import io.switchboard.store.Database;
import io.switchboard.store.DiskSync;
import io.switchboard.store.Direction;
import io.switchboard.store.MessageRecord;
import io.switchboard.store.MessageStore;
import io.switchboard.store.StoreException;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for inbound messages: whatever requests are queued when the writer is free (a lone one
 * never waits; others for up to hub.ims.store.batch-wait-ms / batch-size rows) are committed in ONE
 * transaction; every request waits for its batch's commit, so nothing is acknowledged before it is on
 * disk (docs/architecture.md#store).
 */
public class InboundMessageWriter extends ServiceSupport {

    /** What happened to one message: stored with its new row id, or already stored before. */
    public record Outcome(long id, boolean duplicate) {
    }

    /** The store could not commit (database down, timeout): the caller must not acknowledge. */
    public static class StoreUnavailable extends RuntimeException {
        public StoreUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Pending(MessageRecord message, CompletableFuture<Outcome> result) {
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

    private final CamelContext context;
    private final Database db;
    private final int batchSize;
    private final long batchWaitMillis;
    private final long commitTimeoutMillis;
    private final DiskSync diskSync;
    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private ExecutorService executor;
    private volatile boolean running;

    public InboundMessageWriter(CamelContext context, Database db, int batchSize, long batchWaitMillis,
            long commitTimeoutMillis) {
        this(context, db, batchSize, batchWaitMillis, commitTimeoutMillis, DiskSync.NONE);
    }

    public InboundMessageWriter(CamelContext context, Database db, int batchSize, long batchWaitMillis,
            long commitTimeoutMillis, DiskSync diskSync) {
        this.diskSync = diskSync;
        this.context = context;
        this.db = db;
        this.batchSize = batchSize;
        this.batchWaitMillis = batchWaitMillis;
        this.commitTimeoutMillis = commitTimeoutMillis;
    }

    /**
     * Queues the message for the next group commit. The future completes (on the writer thread) once the
     * batch is committed: with the Outcome, or StoreUnavailable / HttpProblem (a row the database refuses).
     * No thread waits for it: the caller answers from the completion.
     */
    public CompletableFuture<Outcome> submit(MessageRecord message) {
        if (!running) {
            return CompletableFuture.failedFuture(new StoreUnavailable("store writer not running", null));
        }
        Pending p = new Pending(message, new CompletableFuture<>());
        pending.add(p);
        return p.result()
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

    @Override
    protected void doStart() {
        running = true;
        executor = context.getExecutorServiceManager().newSingleThreadExecutor(this, "ims-store-writer");
        executor.submit(this::loop);
    }

    @Override
    protected void doStop() {
        running = false;
        if (executor != null) {
            context.getExecutorServiceManager().shutdownGraceful(executor, 10_000);
        }
        Pending p;
        while ((p = pending.poll()) != null) {
            p.result().completeExceptionally(new IllegalStateException("hub stopping"));
        }
    }

    private void loop() {
        while (running) {
            try {
                Pending first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> batch = new ArrayList<>();
                batch.add(first);
                // whatever queued meanwhile joins this commit; requests arriving during the commit form the
                // next batch. batch-wait-ms (default 0: never) only ever waits when others are already queued
                pending.drainTo(batch, batchSize - 1);
                if (batchWaitMillis > 0 && batch.size() > 1 && batch.size() < batchSize) {
                    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(batchWaitMillis);
                    while (batch.size() < batchSize) {
                        long left = deadline - System.nanoTime();
                        Pending next = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : null;
                        if (next == null) {
                            break;
                        }
                        batch.add(next);
                    }
                }
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("event=ims-store-writer-error error=\"{}\"", e.toString());
            }
        }
    }

    private void commit(List<Pending> batch) {
        // the same messageId twice in one batch: the first is stored, the others are duplicates of it
        Map<String, List<Pending>> byMessageId = new LinkedHashMap<>();
        batch.forEach(p -> byMessageId.computeIfAbsent(p.message().messageId(), k -> new ArrayList<>()).add(p));
        Map<String, ? extends Object> outcomes;
        try {
            outcomes = db.inTransaction(c -> insertNew(c, byMessageId.keySet(), byMessageId));
        } catch (StoreException e) {
            if (StoreRefusal.of(e).isEmpty()) {
                // the database itself failed (down, timeout): nobody in the batch is stored
                LOG.warn("event=ims-store-failed batch={} error=\"{}\"", batch.size(), e.getClass().getSimpleName());
                batch.forEach(p -> p.result().completeExceptionally(e));
                return;
            }
            // a duplicate (ION retry, or another hub instance stored it meanwhile) or one row the database
            // refuses: each row again in its own transaction, so one bad row never fails its batch-mates
            outcomes = oneByOne(byMessageId);
        }
        try {
            diskSync.afterCommit(); // hub.db.fsync: on the device before anyone is acknowledged
        } catch (java.io.IOException e) {
            LOG.warn("event=ims-store-fsync-failed batch={} error=\"{}\"", batch.size(), e.getMessage());
            batch.forEach(p -> p.result().completeExceptionally(e));
            return;
        }
        for (Map.Entry<String, List<Pending>> entry : byMessageId.entrySet()) {
            Object outcome = outcomes.get(entry.getKey());
            List<Pending> waiting = entry.getValue();
            if (outcome instanceof Outcome stored) {
                waiting.get(0).result().complete(stored);
                waiting.subList(1, waiting.size()).forEach(p -> p.result().complete(new Outcome(stored.id(), true)));
            } else {
                waiting.forEach(p -> p.result().completeExceptionally((RuntimeException) outcome));
            }
        }
    }

    /**
     * No duplicate check before the insert (it scanned the inbound rows, growing with the table): the
     * unique key (direction, message_id) refuses a duplicate, the batch rolls back and is retried one
     * row at a time (oneByOne), where a duplicate is acknowledged as such.
     */
    private static Map<String, Outcome> insertNew(Connection c, Set<String> messageIds,
            Map<String, List<Pending>> byMessageId) throws SQLException {
        Map<String, Outcome> outcomes = new HashMap<>();
        for (String messageId : messageIds) {
            outcomes.put(messageId, new Outcome(MessageStore.insert(c, byMessageId.get(messageId).get(0).message()),
                    false));
        }
        return outcomes;
    }

    /**
     * Outcome per message id, or the RuntimeException that row ended with (Refused or the store's failure):
     * a duplicate is acknowledged as such, a refused row answers 400 alone, its batch-mates are stored.
     */
    private Map<String, Object> oneByOne(Map<String, List<Pending>> byMessageId) {
        Map<String, Object> outcomes = new HashMap<>();
        MessageStore store = new MessageStore(db);
        for (Map.Entry<String, List<Pending>> entry : byMessageId.entrySet()) {
            MessageRecord m = entry.getValue().get(0).message();
            try {
                Optional<Long> id = store.insert(m);
                long rowId = id.orElseGet(() -> store.find(Direction.IN, m.messageId()).map(MessageRecord::id).orElse(0L));
                outcomes.put(entry.getKey(), new Outcome(rowId, id.isEmpty()));
            } catch (RuntimeException e) {
                Optional<StoreRefusal> refusal = StoreRefusal.of(e);
                if (refusal.isPresent()) {
                    LOG.warn("event=ims-store-refused-row messageId={} sqlState={} batchMates={}", m.messageId(),
                            refusal.get().sqlState(), byMessageId.size() - 1);
                }
                outcomes.put(entry.getKey(), refusal.<RuntimeException>map(Refused::new).orElse(e));
            }
        }
        return outcomes;
    }

    /** Messages waiting for a commit right now. */
    public int queued() {
        return pending.size();
    }
}
