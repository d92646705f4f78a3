package io.switchboard.ion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.switchboard.ops.DeadLetterRecorder;
import io.switchboard.ops.MaskingConverter;
import io.switchboard.store.DeadLetterStore;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fan-out after the routing table: every target the matching rule named in DispatchTargets gets
 * its own copy of the message (body and headers as the rule left them) and goes through the route
 * ion-dispatch-target with its own redelivery and dead letter. All targets start at once and one
 * failing target never blocks or skips another; the worker waits for all of them (so the dispatch
 * queue keeps its back-pressure and a stop finds nothing half-done in memory), then the outcomes go
 * to {@link DispatchStatus}.
 */
public class DispatchDeliveries {

    public static final String TARGET_ENDPOINT = "direct:ion-dispatch-target";

    private static final Logger LOG = LoggerFactory.getLogger(DispatchDeliveries.class);

    private final ProducerTemplate producer;
    private final DispatchStatus status;
    private final DeadLetterStore deadLetters;
    private volatile org.apache.camel.Endpoint target; // resolved once: a URI look-up per delivery was measurable

    public DispatchDeliveries(ProducerTemplate producer, DispatchStatus status, DeadLetterStore deadLetters) {
        this.producer = producer;
        this.status = status;
        this.deadLetters = deadLetters;
    }

    /** Delivers to every target of the rule at once, waits for all, then records the message's status. */
    public void deliver(Exchange exchange) {
        DispatchStatus.Dispatch dispatch = DispatchStatus.Dispatch.of(exchange);
        List<String> targets = targets(exchange.getIn().getHeader(IonHeaders.DISPATCH_TARGETS, String.class));
        finish(dispatch, targets, send(exchange, targets));
    }

    /**
     * The notice of a message stored UNROUTED at intake (route ion-unrouted-notice): delivered to its
     * targets like any rule's, each with its redelivery and dead letter; the status stays UNROUTED.
     */
    public void notice(Exchange exchange) {
        DispatchStatus.Dispatch dispatch = DispatchStatus.Dispatch.of(exchange);
        List<String> targets = targets(exchange.getIn().getHeader(IonHeaders.DISPATCH_TARGETS, String.class));
        List<CompletableFuture<Exchange>> sends = send(exchange, targets);
        try (var mdc = org.slf4j.MDC.putCloseable("messageId", dispatch.messageId())) {
            status.noticed(dispatch, outcomes(targets, sends));
        }
    }

    private List<DeliveryOutcome> outcomes(List<String> targets, List<CompletableFuture<Exchange>> sends) {
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            outcomes.add(outcome(targets.get(i), sends.get(i).join()));
        }
        return outcomes;
    }

    /** Sends a copy to every target at once (one target: on this thread) and waits for all. */
    private List<CompletableFuture<Exchange>> send(Exchange exchange, List<String> targets) {
        List<CompletableFuture<Exchange>> sends = new ArrayList<>();
        if (targets.size() == 1) {
            // one target: delivered on this worker, no hand-off to another thread
            sends.add(CompletableFuture.completedFuture(producer.send(target(exchange), copyFor(exchange, targets.get(0)))));
        } else {
            for (String target : targets) {
                sends.add(producer.asyncSend(target(exchange), copyFor(exchange, target)));
            }
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).exceptionally(error -> null).join();
        return sends;
    }

    private org.apache.camel.Endpoint target(Exchange exchange) {
        org.apache.camel.Endpoint resolved = target;
        if (resolved == null) {
            resolved = exchange.getContext().getEndpoint(TARGET_ENDPOINT);
            target = resolved;
        }
        return resolved;
    }

    private void finish(DispatchStatus.Dispatch dispatch, List<String> targets,
            List<CompletableFuture<Exchange>> sends) {
        try (var mdc = org.slf4j.MDC.putCloseable("messageId", dispatch.messageId())) {
            List<DeliveryOutcome> outcomes = outcomes(targets, sends);
            var interrupted = outcomes.stream().filter(DeliveryOutcome::interrupted).findFirst();
            if (interrupted.isPresent()) {
                status.interrupted(dispatch, interrupted.get().target() + ": " + interrupted.get().error());
            } else {
                status.complete(dispatch, outcomes);
            }
        } catch (RuntimeException e) {
            // the row stays DISPATCHING; start-up recovery dispatches it again
            LOG.warn("event=ion-dispatch-status-failed messageId={} reason=\"{}\" action=\"left DISPATCHING,"
                    + " dispatched again at the next start\"", dispatch.messageId(), e.getMessage());
        }
    }

    static List<String> targets(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        return Arrays.stream(header.split(",")).map(String::trim).filter(t -> !t.isEmpty()).distinct().toList();
    }

    /** A new exchange (own unit of work, so its dead letter holds what this target received). */
    private static Exchange copyFor(Exchange exchange, String target) {
        Exchange copy = new DefaultExchange(exchange.getContext());
        copy.getIn().setHeaders(new HashMap<>(exchange.getIn().getHeaders()));
        copy.getIn().removeHeader(IonHeaders.DISPATCH_TARGETS);
        copy.getIn().setHeader(IonHeaders.DISPATCH_TARGET, target);
        copy.getIn().setBody(exchange.getIn().getBody(String.class));
        return copy;
    }

    /**
     * Delivered unless the target's dead-letter channel took it (dead letter id) or an error came back.
     * Interrupted — the whole message is dispatched again later, nothing is lost — when the hub was
     * stopping (a forced stop rejects work, closes clients) or when the failure left no dead letter to
     * replay; a dead letter a target's own channel wrote during a stop is discarded with that reason.
     */
    DeliveryOutcome outcome(String target, Exchange done) {
        Long deadLetter = done.getProperty(DeadLetterRecorder.DEAD_LETTER_ID, Long.class);
        Throwable error = done.getException() != null ? done.getException()
                : done.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        boolean failed = deadLetter != null || done.getException() != null
                || done.getProperty(DispatchStatus.INTERRUPTED, false, Boolean.class);
        if (!failed) {
            return new DeliveryOutcome(target, true, null, null, false);
        }
        boolean interrupted = done.getProperty(DispatchStatus.INTERRUPTED, false, Boolean.class)
                || DispatchStatus.rejectedByStop(error) || done.getContext().isStopping() || deadLetter == null;
        String reason = MaskingConverter.mask(error == null ? "failed"
                : error.getClass().getSimpleName() + ": " + error.getMessage());
        if (interrupted && deadLetter != null) {
            deadLetters.discard(deadLetter, "hub", "the hub stopped during the delivery (" + reason
                    + "); the message is dispatched again");
        }
        return new DeliveryOutcome(target, false, deadLetter, reason, interrupted);
    }
}
