package io.switchboard.ion;

/**
 * One claimed outbound message: the row's key, what goes into the multipartMessage, and the ordering key whose
 * lease (outbox_lease) covers it while its lane runs.
 */
public record OutboxMessage(long pk, String messageId, String documentName, String toLogicalId, String variation,
        String payload, int attempts, String orderingKey) {

    public OutboxMessage(long pk, String messageId, String documentName, String toLogicalId, String variation,
            String payload, int attempts) {
        this(pk, messageId, documentName, toLogicalId, variation, payload, attempts, null);
    }
}
