package io.switchboard.ion;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Puts a BOD into the outbox with the hub's tenant and logical id; the one way in for API and routes. */
public class OutboxEnqueue {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxEnqueue.class);

    private final OutboxStore outbox;
    private final String tenantId;
    private final String fromLogicalId;

    public OutboxEnqueue(OutboxStore outbox, String tenantId, String fromLogicalId) {
        this.outbox = outbox;
        this.tenantId = tenantId;
        this.fromLogicalId = fromLogicalId;
    }

    public String enqueue(String documentName, String toLogicalId, String variation, String payload) {
        String messageId = outbox.enqueue(documentName, toLogicalId, variation, payload, tenantId, fromLogicalId);
        MDC.put("messageId", messageId);
        try {
            LOG.info("event=ion-outbound-queued documentName={} toLogicalId={}", documentName,
                    toLogicalId == null ? "" : toLogicalId);
        } finally {
            MDC.remove("messageId");
        }
        return messageId;
    }
}
