package io.switchboard.ion;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.store.Database;
import io.switchboard.store.MessageEvent;
import io.switchboard.store.MessageStore;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of dispatch status writes: the claims and the final statuses + journey steps of every
 * message the dispatch workers have in hand are written in ONE transaction (what queues while one
 * commits forms the next), instead of two commits per message. Each worker waits for its own write,
 * so a claim is on disk before its deliveries start and a status before the worker takes the next
 * message. Hand-written like the IMS writer: Camel's aggregator would own the exchanges, not the writes.
 */
public class DispatchStatusWriter extends ServiceSupport {

    /** One write: applied inside the batch's transaction, its result handed to the waiting worker. */
    private interface Write {
        Object apply(Connection c) throws SQLException;

        CompletableFuture<Object> done();
    }

    private record Claim(long id, String instance, Instant until, CompletableFuture<Object> done) implements Write {
        @Override
        public Object apply(Connection c) throws SQLException {
            Instant now = Instant.now();
            return Database.update(c, "UPDATE message SET status = ?, claimed_by = ?, claimed_until = ?,"
                    + " updated_at = ? WHERE id = ? AND status = ?", DispatchStatus.DISPATCHING, instance, until, now,
                    id, InboundReceiver.STATUS_RECEIVED) == 1;
        }
    }

    private record Finish(long id, String status, String route, String detail, List<MessageEvent> steps,
            Instant leaseEnded, CompletableFuture<Object> done) implements Write {
        @Override
        public Object apply(Connection c) throws SQLException {
            MessageStore.finishDispatch(c, id, status, route, detail, steps, leaseEnded);
            return Boolean.TRUE;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(DispatchStatusWriter.class);

    private final CamelContext context;
    private final Database db;
    private final int batchSize;
    private final BlockingQueue<Write> pending = new LinkedBlockingQueue<>();
    private ExecutorService executor;
    private volatile boolean running;
    private final Counter writes;
    private final Counter commits;

    /** meters: where the two counters go (switchboard.dispatch.status.writes / .commits: writes per commit). */
    public DispatchStatusWriter(CamelContext context, Database db, int batchSize, MeterRegistry meters) {
        this.context = context;
        this.db = db;
        this.batchSize = batchSize;
        this.writes = Counter.builder("switchboard.dispatch.status.writes")
                .description("dispatch claims and final statuses written").register(meters);
        this.commits = Counter.builder("switchboard.dispatch.status.commits")
                .description("transactions those writes took (group commit)").register(meters);
    }

    /** Claims the row for this instance until the given time; false when it is no longer RECEIVED. */
    public boolean claim(long id, String instance, Instant until) {
        return (Boolean) write(new Claim(id, instance, until, new CompletableFuture<>()));
    }

    /** Ends a dispatch (see MessageStore.finishDispatch), committed with the batch it joins. */
    public void finish(long id, String status, String route, String detail, List<MessageEvent> steps,
            Instant leaseEnded) {
        write(new Finish(id, status, route, detail, steps, leaseEnded, new CompletableFuture<>()));
    }

    private Object write(Write write) {
        if (!running) {
            // stopping: written alone, as before batching (an interrupted dispatch still records its step)
            return db.inTransaction(write::apply);
        }
        pending.add(write);
        try {
            return write.done().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    protected void doStart() {
        running = true;
        executor = context.getExecutorServiceManager().newSingleThreadExecutor(this, "ion-dispatch-status-writer");
        executor.submit(this::loop);
    }

    @Override
    protected void doStop() {
        running = false;
        if (executor != null) {
            context.getExecutorServiceManager().shutdownGraceful(executor, 10_000);
        }
        List<Write> left = new ArrayList<>();
        pending.drainTo(left);
        if (!left.isEmpty()) {
            commit(left); // the dispatch routes stopped first; nothing is left unwritten
        }
    }

    private void loop() {
        while (running || !pending.isEmpty()) {
            try {
                Write first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Write> batch = new ArrayList<>();
                batch.add(first);
                pending.drainTo(batch, batchSize - 1); // no timed wait: what queues meanwhile is the next batch
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("event=ion-dispatch-status-writer-error error=\"{}\"", e.toString());
            }
        }
    }

    private void commit(List<Write> batch) {
        List<Object> results;
        try {
            results = db.inTransaction(c -> {
                List<Object> out = new ArrayList<>(batch.size());
                for (Write w : batch) {
                    out.add(w.apply(c));
                }
                return out;
            });
        } catch (RuntimeException e) {
            // one write the database refuses must not fail its batch-mates: each again on its own
            for (Write w : batch) {
                try {
                    w.done().complete(db.inTransaction(w::apply));
                } catch (RuntimeException alone) {
                    w.done().completeExceptionally(alone);
                }
            }
            return;
        }
        writes.increment(batch.size());
        commits.increment();
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(results.get(i));
        }
    }
}
