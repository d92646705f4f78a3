package io.switchboard.ion;

import java.util.List;

import io.switchboard.ops.DeadLetterChannel;
import io.switchboard.ops.DeadLetterRecorder;
import io.switchboard.store.MessageRecord;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.builder.RouteBuilder;

/**
 * Dispatch plumbing around the YAML routing table (routes/dispatch.camel.yaml, route ion-dispatch):
 * the queue worker that claims a stored message, runs the table and fans out to the rule's targets
 * (one delivery per target, route ion-dispatch-target), the dead ends, and the recovery of hand-offs
 * lost in a crash. Its route configurations (dead-letter-dispatch, dead-letter-dispatch-target,
 * dispatch-table) are declared in routes/error-handling.camel.yaml.
 */
public class DispatchRoutes extends RouteBuilder {

    /** Route configuration of ion-dispatch-message: a failing table is redelivered, then the message is DEAD. */
    public static final String CONFIGURATION_ID = "dead-letter-dispatch";
    /** Route configuration of each target delivery: redelivered, then that target's own dead letter. */
    public static final String TARGET_CONFIGURATION_ID = "dead-letter-dispatch-target";
    /** Route configuration of the YAML table: no handling of its own, its caller handles failures. */
    public static final String TABLE_CONFIGURATION_ID = "dispatch-table";
    /** Runs the table and the deliveries of one message; a replay of a table dead letter re-enters here. */
    public static final String MESSAGE_ENDPOINT = "direct:ion-dispatch-message";
    static final String WORKER_ROUTE_ID = "ion-dispatch-worker";
    static final String DEAD_ENDPOINT = "direct:ion-dispatch-dead";
    static final String TARGET_DEAD_ENDPOINT = "direct:ion-dispatch-target-dead";

    private final DispatchStatus status;
    private final DispatchQueue queue;
    private final DispatchDeliveries deliveries;
    private static final int RECOVERY_PAGE = 1000;
    private boolean recovered;

    public DispatchRoutes(DispatchStatus status, DispatchQueue queue, DispatchDeliveries deliveries) {
        this.status = status;
        this.queue = queue;
        this.deliveries = deliveries;
    }

    @Override
    public void configure() {
        from(DispatchQueue.ENDPOINT + "?concurrentConsumers={{hub.ims.dispatch.concurrent-consumers}}"
                + "&size={{hub.ims.dispatch.queue-size}}")
                .routeId(WORKER_ROUTE_ID)
                // a stop finishes the messages in hand only: the queued rest is RECEIVED on disk and
                // start-up recovery dispatches it (draining the queue made the stop time out and be forced)
                .shutdownRunningTask(ShutdownRunningTask.CompleteCurrentTaskOnly)
                // a store error here leaves the row RECEIVED/DISPATCHING: recovery queues it again
                .onException(Exception.class).handled(true).maximumRedeliveries(0)
                    .log(LoggingLevel.WARN, "event=ion-dispatch-deferred messageId=${header.MessageId}"
                            + " reason=\"${exception.message}\"")
                .end()
                // process(), not bean(): Camel's bean binding (method look-up, reflection) ran for every message
                .process(status::claim)
                .filter(exchangeProperty(DispatchStatus.SKIP).isEqualTo(false))
                    .to(MESSAGE_ENDPOINT)
                .end();

        // the notices of messages stored UNROUTED at intake (IntakeRouting): delivered like a rule's targets
        // pollTimeout: with seda's 1 s poll a stop waited a second for this route alone
        from(DispatchQueue.NOTICE_ENDPOINT + "?concurrentConsumers={{hub.ims.dispatch.concurrent-consumers}}"
                + "&size={{hub.ims.dispatch.queue-size}}&pollTimeout=100")
                .routeId("ion-unrouted-notice")
                .shutdownRunningTask(ShutdownRunningTask.CompleteCurrentTaskOnly)
                .onException(Exception.class).handled(true).maximumRedeliveries(0)
                    .log(LoggingLevel.WARN, "event=ion-unrouted-notice-failed messageId=${header.MessageId}"
                            + " reason=\"${exception.message}\"")
                .end()
                .process(deliveries::notice);

        from(MESSAGE_ENDPOINT).routeId("ion-dispatch-message")
                .routeConfigurationId(CONFIGURATION_ID)
                // a table failure is recorded here, so its replay runs table and deliveries again
                .setProperty(DeadLetterRecorder.REPLAY_ENDPOINT, constant(MESSAGE_ENDPOINT))
                .to(IonHeaders.DISPATCH_ENDPOINT)
                .removeProperty(DeadLetterRecorder.REPLAY_ENDPOINT)
                .process(deliveries::deliver);

        from(DispatchDeliveries.TARGET_ENDPOINT).routeId("ion-dispatch-target")
                .routeConfigurationId(TARGET_CONFIGURATION_ID)
                .toD("${header." + IonHeaders.DISPATCH_TARGET + "}");

        from(DEAD_ENDPOINT).routeId("ion-dispatch-dead")
                .errorHandler(noErrorHandler())
                // the hub's own stop is not the message's failure: no DEAD, no dead letter
                .choice()
                    .when(method(status, "stopping")).bean(status, "interrupted")
                    .otherwise().bean(status, "dead").to(DeadLetterChannel.ENDPOINT)
                .end();

        from(TARGET_DEAD_ENDPOINT).routeId("ion-dispatch-target-dead")
                .errorHandler(noErrorHandler())
                .filter(method(status, "stopping").isEqualTo(false))
                    .to(DeadLetterChannel.ENDPOINT)
                .end();

        from("timer:ion-dispatch-recovery?delay={{hub.ims.dispatch.recovery-delay}}"
                + "&period={{hub.ims.dispatch.recovery-interval}}")
                .routeId("ion-dispatch-recovery")
                .onException(Exception.class).handled(true).maximumRedeliveries(0)
                    .log(LoggingLevel.WARN, "event=ion-dispatch-recovery-failed reason=\"${exception.message}\"")
                .end()
                .process(this::recover);
    }

    /** Renews this instance's dispatch leases three times per lease, so a long redelivery keeps its message. */
    static RouteBuilder leaseRenewal(DispatchStatus status, java.time.Duration lease) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:ion-dispatch-lease-renewal?period=" + Math.max(1, lease.toMillis() / 3))
                        .routeId("ion-dispatch-lease-renewal")
                        .onException(Exception.class).handled(true).maximumRedeliveries(0)
                            .log(LoggingLevel.WARN, "event=ion-dispatch-lease-renewal-failed"
                                    + " reason=\"${exception.message}\"")
                        .end()
                        .process(e -> status.renewLeases());
            }
        };
    }

    /**
     * Start-up recovery walks every stranded row (pages of RECOVERY_PAGE), waiting for room in the queue
     * rather than leaving the rest for the periodic run minutes later; a stop ends the walk (the rows stay
     * on disk). Later runs take the hand-offs a full queue deferred.
     */
    private void recover(Exchange exchange) {
        boolean atStartup = !recovered;
        recovered = true;
        long after = 0;
        int count = 0;
        List<MessageRecord> page;
        do {
            page = status.stranded(after, RECOVERY_PAGE, atStartup);
            for (MessageRecord m : page) {
                if (!queue.enqueueWaiting(m, m.id(), () -> exchange.getContext().isStopping())) {
                    log.info("event=ion-dispatch-recovered count={} atStartup={} stoppedEarly=true", count, atStartup);
                    return;
                }
                after = m.id();
                count++;
            }
        } while (page.size() == RECOVERY_PAGE && atStartup);
        if (count > 0) {
            log.info("event=ion-dispatch-recovered count={} atStartup={}", count, atStartup);
        }
    }
}
