package io.switchboard.ion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of SENT: every message ION accepted, from whichever lane, is handed over here, and one writer
 * thread marks them SENT in shared transactions (status + one SENT journey row each, carrying the attempt's HTTP status, as one batch). A lane goes
 * on sending while its accepted messages wait here; when it has sent its last one it asks for a flush and waits for
 * its commits (the key's lease covers it until then). One flush writes everything queued at that moment, other
 * lanes' messages included, so the commit count follows the lanes finishing (often several per commit), never the
 * message count. A failed write fails its messages' futures: their rows keep the lease and are sent again when it
 * expires (at least once).
 * Hand-written: one writer thread with a queue, as intake's group commit; Camel has no JDBC group commit.
 */
public class OutboxSentWriter {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSentWriter.class);

    private record Pending(OutboxStore.Delivered delivered, CompletableFuture<Void> written) {
    }

    private final OutboxStore outbox;
    private final int maxBatch;
    private final Object lock = new Object();
    private List<Pending> queued = new ArrayList<>();
    private boolean flushRequested;
    private boolean stopped;

    /** Starts the writer on thread (one task that runs until the executor is shut down). */
    public OutboxSentWriter(OutboxStore outbox, ExecutorService thread, int maxBatch) {
        this.outbox = outbox;
        this.maxBatch = maxBatch;
        thread.submit(this::run);
    }

    /** Queues a message ION accepted; the future completes once its SENT status is committed (after a flush). */
    public CompletableFuture<Void> sent(OutboxStore.Delivered delivered) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        synchronized (lock) {
            if (stopped) {
                // the writer has ended: the row keeps its lease and is sent again when it expires
                written.completeExceptionally(new IllegalStateException("hub stopping"));
                return written;
            }
            queued.add(new Pending(delivered, written));
            if (queued.size() >= maxBatch) {
                lock.notifyAll();
            }
        }
        return written;
    }

    /** A lane sent its last message: write everything queued now. */
    public void flush() {
        synchronized (lock) {
            flushRequested = true;
            lock.notifyAll();
        }
    }

    /**
     * The hub stops (after its routes): what is queued is written, then the thread ends. Without this the
     * thread waited on forever and Camel's pool shutdown held every stop for its 10 s grace period.
     */
    public void stop() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<Pending> batch;
                boolean last;
                synchronized (lock) {
                    while (!stopped && !flushRequested && queued.size() < maxBatch) {
                        lock.wait();
                    }
                    last = stopped && queued.size() <= maxBatch;
                    if (queued.size() <= maxBatch) {
                        batch = queued;
                        queued = new ArrayList<>();
                        flushRequested = false;
                    } else {
                        // more than one batch queued: the rest is written next, the flush still pending
                        batch = new ArrayList<>(queued.subList(0, maxBatch));
                        queued = new ArrayList<>(queued.subList(maxBatch, queued.size()));
                    }
                }
                if (!batch.isEmpty()) {
                    write(batch);
                }
                if (last) {
                    return;
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (lock) {
                queued.forEach(p -> p.written().completeExceptionally(new IllegalStateException("hub stopping")));
                queued.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            outbox.markDelivered(batch.stream().map(Pending::delivered).toList());
        } catch (RuntimeException e) {
            LOG.error("event=ion-sent-write-failed messages={} error=\"{}\" effect=\"rows keep their lease and are"
                    + " sent again when it expires\"", batch.size(), e.toString());
            batch.forEach(p -> p.written().completeExceptionally(e));
            return;
        }
        batch.forEach(p -> p.written().complete(null));
    }
}
