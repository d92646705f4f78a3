package io.switchboard.ion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of SENT: every message ION accepted, from whichever lane, is handed over here and written with
 * the others queued at that moment in ONE transaction (status + ATTEMPT and SENT journey rows as one batch), so
 * the commit count follows the database's pace, not the lane count. A lane goes on sending while its SENT rows
 * are written and waits for them only before it ends (the key's lease covers it until then). A failed write
 * fails its messages' futures: their rows keep the lease and are sent again when it expires (at least once).
 * Hand-written: one writer thread with a queue, as intake's group commit; Camel has no JDBC group commit.
 */
public class OutboxSentWriter {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSentWriter.class);

    private record Pending(OutboxStore.Delivered delivered, CompletableFuture<Void> written) {
    }

    private final OutboxStore outbox;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

    /** Starts the writer on thread (one task that runs until the executor is shut down). */
    public OutboxSentWriter(OutboxStore outbox, ExecutorService thread, int maxBatch) {
        this.outbox = outbox;
        this.maxBatch = maxBatch;
        thread.submit(this::run);
    }

    /** Queues a message ION accepted; the future completes once its SENT status is committed. */
    public CompletableFuture<Void> sent(OutboxStore.Delivered delivered) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        queue.add(new Pending(delivered, written));
        return written;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                // whatever is queued when the previous commit ends: no timed wait for more
                batch.add(queue.take());
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
                batch.clear();
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            batch.addAll(queue);
            batch.forEach(p -> p.written().completeExceptionally(new IllegalStateException("hub stopping")));
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
