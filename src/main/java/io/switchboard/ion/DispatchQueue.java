package io.switchboard.ion;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.switchboard.ops.DeadLetterRecorder;
import io.switchboard.store.MessageRecord;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a committed message to the in-memory dispatch queue with the routing headers. Losing the
 * hand-off (crash, full queue) loses nothing: the row stays RECEIVED and recovery re-queues it.
 */
public class DispatchQueue {

    public static final String ENDPOINT = "seda:ion-dispatch-queue";
    // the same queue, for a producer that waits up to a second for room instead of failing at once
    /** The notices of messages stored UNROUTED at intake (route ion-unrouted-notice). */
    public static final String NOTICE_ENDPOINT = "seda:ion-unrouted-notice";
    static final String WAITING_ENDPOINT = ENDPOINT + "?blockWhenFull=true&offerTimeout=1000";

    private static final Logger LOG = LoggerFactory.getLogger(DispatchQueue.class);

    private final ProducerTemplate producer;
    // resolved once: a URI look-up per message was measurable
    private final Map<String, org.apache.camel.Endpoint> endpoints = new java.util.concurrent.ConcurrentHashMap<>();

    public DispatchQueue(ProducerTemplate producer) {
        this.producer = producer;
    }

    private org.apache.camel.Endpoint queue() {
        return endpoints.computeIfAbsent(ENDPOINT, producer.getCamelContext()::getEndpoint);
    }

    private org.apache.camel.Endpoint notices() {
        return endpoints.computeIfAbsent(NOTICE_ENDPOINT, producer.getCamelContext()::getEndpoint);
    }

    /** A stored row (recovery): its routing fields are read from the stored BOD. */
    public void enqueue(MessageRecord message, long id) {
        enqueue(message, id, BodDocument.routingFields(message.payload()));
    }

    /** A message just committed, with the routing fields the intake's parse took. */
    public void enqueue(MessageRecord message, long id, BodDocument.RoutingFields routing) {
        enqueue(message, id, routing, null);
    }

    /**
     * A message the intake stored with this instance's dispatch lease (the worker skips the claim); false
     * when the queue refused it (full, stopping): the row stays on disk for recovery.
     */
    public boolean enqueueLeased(MessageRecord message, long id, BodDocument.RoutingFields routing,
            java.time.Instant leasedUntil) {
        return enqueue(message, id, routing, leasedUntil);
    }

    private boolean enqueue(MessageRecord message, long id, BodDocument.RoutingFields routing,
            java.time.Instant leasedUntil) {
        Map<String, Object> headers = headers(message, id, routing);
        if (leasedUntil != null) {
            headers.put(DispatchStatus.LEASED, leasedUntil.toEpochMilli());
        }
        try {
            producer.sendBodyAndHeaders(queue(), message.payload(), headers);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("event=ion-dispatch-deferred messageId={} id={} reason=\"{}\"", message.messageId(), id,
                    e.getMessage());
            return false;
        }
    }

    /**
     * The notice of a message stored UNROUTED at intake (IntakeRouting): the table's output, now with the
     * row id, to its own queue (route ion-unrouted-notice); never waits. False when the queue refused it:
     * the message stays UNROUTED, only this one notice is lost (the next unrouted message raises it again).
     */
    public boolean enqueueNotice(Exchange table, long id) {
        Map<String, Object> headers = new HashMap<>(table.getIn().getHeaders());
        headers.put(DeadLetterRecorder.MESSAGE_PK, id);
        try {
            producer.sendBodyAndHeaders(notices(), table.getIn().getBody(), headers);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("event=ion-unrouted-notice-dropped messageId={} id={} reason=\"{}\"",
                    table.getIn().getHeader(IonHeaders.MESSAGE_ID), id, e.getMessage());
            return false;
        }
    }


    /**
     * Recovery's hand-off: waits for room in the queue (never dropped as "deferred", which would leave the
     * row for a later run). False when gaveUp turned true while waiting (the hub is stopping).
     */
    public boolean enqueueWaiting(MessageRecord message, long id, BooleanSupplier gaveUp) {
        Map<String, Object> headers = headers(message, id, BodDocument.routingFields(message.payload()));
        while (!gaveUp.getAsBoolean()) {
            try {
                producer.sendBodyAndHeaders(WAITING_ENDPOINT, message.payload(), headers);
                return true;
            } catch (RuntimeException full) {
                LOG.debug("event=ion-dispatch-queue-full messageId={} id={} action=\"waiting\"", message.messageId(), id);
            }
        }
        return false;
    }

    /** Inbound messages this instance holds for dispatch: queued in memory plus those its workers have in hand. */
    public static long pending(org.apache.camel.CamelContext context) {
        var worker = context.getRoute(DispatchRoutes.WORKER_ROUTE_ID);
        long queued = worker != null && worker.getEndpoint() instanceof org.apache.camel.component.seda.SedaEndpoint seda
                ? seda.getCurrentQueueSize() : 0;
        return queued + context.getInflightRepository().size(DispatchRoutes.WORKER_ROUTE_ID);
    }

    static Map<String, Object> headers(MessageRecord m, long id, BodDocument.RoutingFields routing) {
        Map<String, Object> headers = headers(m, routing);
        headers.put(DeadLetterRecorder.MESSAGE_PK, id);
        return headers;
    }

    /** The routing headers of a message not stored yet (no row id): what the routing table reads. */
    static Map<String, Object> headers(MessageRecord m, BodDocument.RoutingFields routing) {
        Map<String, Object> headers = new HashMap<>();
        putIfPresent(headers, IonHeaders.BOD_DOCUMENT_ID, routing.documentId());
        headers.put(IonHeaders.DOCUMENT_NAME, m.documentName());
        headers.put(IonHeaders.MESSAGE_ID, m.messageId());
        putIfPresent(headers, IonHeaders.TENANT_ID, m.tenantId());
        putIfPresent(headers, IonHeaders.FROM_LOGICAL_ID, m.fromLogicalId());
        putIfPresent(headers, IonHeaders.TO_LOGICAL_ID, m.toLogicalId());
        headers.put(IonHeaders.BOD_VERB, verb(m.documentName()));
        headers.put(IonHeaders.BOD_NOUN, m.documentName().substring(verb(m.documentName()).length()));
        headers.put(DeadLetterRecorder.MESSAGE_ID, m.messageId());
        headers.put(DeadLetterRecorder.DOCUMENT_NAME, m.documentName());
        return headers;
    }

    /** OAGIS document names are verb + noun: SyncContactMaster = Sync + ContactMaster. */
    static String verb(String documentName) {
        for (int i = 1; i < documentName.length(); i++) {
            if (Character.isUpperCase(documentName.charAt(i))) {
                return documentName.substring(0, i);
            }
        }
        return documentName;
    }

    private static void putIfPresent(Map<String, Object> headers, String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
    }
}
