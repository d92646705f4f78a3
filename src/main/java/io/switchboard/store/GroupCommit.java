package io.switchboard.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.ops.StoreRefusal;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's one group-commit thread: whatever writes are queued when it is free — new inbound rows,
 * dispatch claims and final statuses — go into ONE transaction and one disk write (and one fsync with
 * hub.db.fsync), instead of a commit per writer per batch. Each write's future completes only after the
 * commit, so nobody is acknowledged before the data is on disk. A write the database refuses never fails
 * its batch-mates: the batch is applied again one write per transaction. Hand-written because Camel's
 * aggregator batches exchanges, not the statements of several callers into one JDBC transaction.
 */
public class GroupCommit extends ServiceSupport {

    /** One write: applied inside the batch's transaction; its result (or failure) completes done(). */
    public abstract static class Write<T> {
        private final CompletableFuture<T> done = new CompletableFuture<>();

        /** The statements of this write, on the batch's connection. */
        protected abstract T apply(Connection c) throws SQLException;

        /** Applied alone after its batch failed on a refusal; by default the same in its own transaction. */
        protected T applyAlone(Database db) {
            return db.inTransaction(this::apply);
        }

        /** True: dropped (failed) at a stop instead of committed — a caller that can still be told to retry. */
        protected boolean failAtStop() {
            return false;
        }

        /**
         * Writes that name the same applier are applied together by it, in one go (JDBC batches: one
         * round trip for many rows); null: applied alone with apply(). Only for writes independent of
         * the others in their batch (the applier may run before or after them).
         */
        protected Together together() {
            return null;
        }

        /** Counted per commit it joins (writes per commit = the batching achieved), or null. */
        protected Batching batching() {
            return null;
        }

        public CompletableFuture<T> done() {
            return done;
        }

        private void commitWith(Object result) {
            @SuppressWarnings("unchecked")
            T typed = (T) result;
            done.complete(typed);
        }
    }

    /** Applies several writes of one kind together; returns their results in the same order. */
    public interface Together {
        List<Object> apply(Connection c, List<Write<?>> writes) throws SQLException;
    }

    /** What a kind of write reports per commit it was part of. */
    public interface Batching {
        void committed(int writes);
    }

    /** The hub is stopping: a write that fails at stop gets this. */
    public static class Stopping extends RuntimeException {
        public Stopping() {
            super("hub stopping", null, false, false);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private final CamelContext context;
    private final Database db;
    private final int batchSize;
    private final long batchWaitMillis;
    private final DiskSync diskSync;
    private final BlockingQueue<Write<?>> pending = new LinkedBlockingQueue<>();
    private final Batching all;
    private final Timer fsyncs;
    private ExecutorService executor;
    // the callers' follow-up (answer 202, queue for dispatch, log) runs here, not on the one writer thread
    private ExecutorService completions;
    private volatile boolean running;

    /**
     * batchSize: most writes per transaction; batchWaitMillis: how long a batch that already has company
     * waits for more (0: never — a lone write is committed at once).
     */
    public GroupCommit(CamelContext context, Database db, int batchSize, long batchWaitMillis, DiskSync diskSync,
            MeterRegistry meters) {
        Counter writes = Counter.builder("switchboard.store.writes")
                .description("writes through the group commit (rows stored, dispatch statuses)").register(meters);
        Counter commits = Counter.builder("switchboard.store.commits")
                .description("transactions those writes took (writes per commit = the batching achieved)")
                .register(meters);
        this.fsyncs = Timer.builder("switchboard.store.fsync")
                .description("fsyncs of the H2 store file after a group commit (hub.db.fsync) and their time")
                .register(meters);
        this.all = n -> {
            writes.increment(n);
            commits.increment();
        };
        this.context = context;
        this.db = db;
        this.batchSize = batchSize;
        this.batchWaitMillis = batchWaitMillis;
        this.diskSync = diskSync;
    }

    /** Queues the write for the next commit; when the writer is not running it fails (failAtStop) or runs alone. */
    public <T> CompletableFuture<T> submit(Write<T> write) {
        if (!running) {
            if (write.failAtStop()) {
                write.done().completeExceptionally(new Stopping());
            } else {
                try {
                    write.commitWith(write.applyAlone(db)); // stopping: an interrupted dispatch still records its step
                } catch (RuntimeException e) {
                    write.done().completeExceptionally(e);
                }
            }
            return write.done();
        }
        pending.add(write);
        return write.done();
    }

    /** Writes waiting for a commit right now. */
    public int queued() {
        return pending.size();
    }

    @Override
    protected void doStart() {
        running = true;
        completions = context.getExecutorServiceManager().newFixedThreadPool(this, "hub-store-completions", 2);
        executor = context.getExecutorServiceManager().newSingleThreadExecutor(this, "hub-store-writer");
        executor.submit(this::loop);
    }

    @Override
    protected void doStop() {
        running = false;
        if (executor != null) {
            context.getExecutorServiceManager().shutdownGraceful(executor, 10_000);
        }
        if (completions != null) {
            context.getExecutorServiceManager().shutdownGraceful(completions, 10_000);
            completions = null;
        }
        List<Write<?>> left = new ArrayList<>();
        pending.drainTo(left);
        List<Write<?>> toCommit = new ArrayList<>();
        for (Write<?> w : left) {
            if (w.failAtStop()) {
                w.done().completeExceptionally(new Stopping());
            } else {
                toCommit.add(w);
            }
        }
        if (!toCommit.isEmpty()) {
            commit(toCommit); // dispatch statuses still in hand are written, never dropped
        }
    }

    private void loop() {
        while (running) {
            try {
                Write<?> first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Write<?>> batch = new ArrayList<>();
                batch.add(first);
                // whatever queued meanwhile joins this commit; writes arriving during the commit form the next
                pending.drainTo(batch, batchSize - 1);
                if (batchWaitMillis > 0 && batch.size() > 1 && batch.size() < batchSize) {
                    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(batchWaitMillis);
                    while (batch.size() < batchSize) {
                        long left = deadline - System.nanoTime();
                        Write<?> next = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : null;
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
                LOG.error("event=store-writer-error error=\"{}\"", e.toString());
            }
        }
    }

    private void commit(List<Write<?>> batch) {
        List<Object> results;
        try {
            results = db.inTransaction(c -> applyAll(c, batch));
        } catch (RuntimeException e) {
            if (StoreRefusal.of(e).isEmpty()) {
                // the database itself failed (down, timeout): nothing of the batch is stored
                LOG.warn("event=store-commit-failed batch={} error=\"{}\"", batch.size(), e.getClass().getSimpleName());
                batch.forEach(w -> w.done().completeExceptionally(e));
                return;
            }
            // a duplicate or one row the database refuses: each write again in its own transaction
            results = new ArrayList<>(batch.size());
            for (Write<?> w : batch) {
                try {
                    results.add(w.applyAlone(db));
                } catch (RuntimeException alone) {
                    results.add(new Failed(alone));
                }
            }
        }
        try {
            if (diskSync.enabled()) {
                Timer.Sample fsync = Timer.start();
                diskSync.afterCommit(); // hub.db.fsync: on the device before anyone is told
                fsync.stop(fsyncs);
            }
        } catch (IOException e) {
            LOG.warn("event=store-fsync-failed batch={} error=\"{}\"", batch.size(), e.getMessage());
            batch.forEach(w -> w.done().completeExceptionally(e));
            return;
        }
        all.committed(batch.size());
        batch.stream().map(Write::batching).filter(Objects::nonNull).distinct()
                .forEach(b -> b.committed((int) batch.stream().filter(w -> w.batching() == b).count()));
        List<Object> outcomes = results;
        Runnable complete = () -> {
            for (int i = 0; i < batch.size(); i++) {
                if (outcomes.get(i) instanceof Failed failed) {
                    batch.get(i).done().completeExceptionally(failed.error());
                } else {
                    batch.get(i).commitWith(outcomes.get(i));
                }
            }
        };
        ExecutorService pool = completions;
        if (pool == null) {
            complete.run(); // stopping: the last writes complete here
        } else {
            try {
                pool.execute(complete);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                complete.run();
            }
        }
    }

    /** Applies the batch: writes of one Together in one go, the others one by one; results in batch order. */
    private static List<Object> applyAll(Connection c, List<Write<?>> batch) throws SQLException {
        Object[] out = new Object[batch.size()];
        java.util.Map<Together, List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Together together = batch.get(i).together();
            if (together == null) {
                out[i] = batch.get(i).apply(c);
            } else {
                groups.computeIfAbsent(together, k -> new ArrayList<>()).add(i);
            }
        }
        for (var group : groups.entrySet()) {
            List<Write<?>> writes = group.getValue().stream().<Write<?>>map(batch::get).toList();
            List<Object> results = writes.size() == 1 ? java.util.Collections.singletonList(writes.get(0).apply(c))
                    : group.getKey().apply(c, writes);
            for (int j = 0; j < results.size(); j++) {
                out[group.getValue().get(j)] = results.get(j);
            }
        }
        return java.util.Arrays.asList(out);
    }

    /** A write that failed alone, in the results of a batch applied one by one. */
    private record Failed(RuntimeException error) {
    }
}
