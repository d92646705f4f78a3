package io.switchboard.ion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.switchboard.ops.DeadLetterRecorder;
import io.switchboard.ops.MaskingConverter;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * The fan-out after the routing table: every target the matching rule named in DispatchTargets gets
 * its own copy of the message (body and headers as the rule left them) and goes through the route
 * ion-dispatch-target with its own redelivery and dead letter. All targets start at once and one
 * failing target never blocks or skips another; the outcomes go to {@link DispatchStatus}.
 */
public class DispatchDeliveries {

    public static final String TARGET_ENDPOINT = "direct:ion-dispatch-target";

    private final ProducerTemplate producer;
    private final DispatchStatus status;

    public DispatchDeliveries(ProducerTemplate producer, DispatchStatus status) {
        this.producer = producer;
        this.status = status;
    }

    /** Delivers to every target of the rule, waits for all, then records the message's status. */
    public void deliver(Exchange exchange) {
        List<String> targets = targets(exchange.getIn().getHeader(IonHeaders.DISPATCH_TARGETS, String.class));
        List<CompletableFuture<Exchange>> sends = new ArrayList<>();
        for (String target : targets) {
            sends.add(producer.asyncSend(TARGET_ENDPOINT, copyFor(exchange, target)));
        }
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            outcomes.add(outcome(targets.get(i), sends.get(i).join()));
        }
        var interrupted = outcomes.stream().filter(DeliveryOutcome::interrupted).findFirst();
        if (interrupted.isPresent()) {
            status.interrupted(exchange, interrupted.get().target() + ": " + interrupted.get().error());
        } else {
            status.complete(exchange, outcomes);
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

    /** Delivered unless the target's dead-letter channel took it (dead letter id) or an error came back. */
    static DeliveryOutcome outcome(String target, Exchange done) {
        Long deadLetter = done.getProperty(DeadLetterRecorder.DEAD_LETTER_ID, Long.class);
        Throwable error = done.getException() != null ? done.getException()
                : done.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        boolean interrupted = done.getProperty(DispatchStatus.INTERRUPTED, false, Boolean.class);
        if (deadLetter == null && done.getException() == null && !interrupted) {
            return new DeliveryOutcome(target, true, null, null, false);
        }
        String reason = error == null ? "failed" : error.getClass().getSimpleName() + ": " + error.getMessage();
        return new DeliveryOutcome(target, false, deadLetter, MaskingConverter.mask(reason), interrupted);
    }
}
