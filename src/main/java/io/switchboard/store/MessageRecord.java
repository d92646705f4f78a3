package io.switchboard.store;

import java.time.Instant;

/** One row of the message table. */
public record MessageRecord(
        long id,
        Direction direction,
        String messageId,
        String documentName,
        String tenantId,
        String fromLogicalId,
        String toLogicalId,
        String parameters,
        String payload,
        String status,
        String route,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant createdAt,
        Instant updatedAt) {

    /** A message about to be stored: no id, attempts or timestamps yet. */
    public static MessageRecord newMessage(Direction direction, String messageId, String documentName,
            String tenantId, String fromLogicalId, String toLogicalId, String parameters, String payload,
            String status) {
        return new MessageRecord(0, direction, messageId, documentName, tenantId, fromLogicalId, toLogicalId,
                parameters, payload, status, null, 0, null, null, null, null);
    }

    /** The same message about to be stored with another status and its detail (message.last_error). */
    public MessageRecord withStatus(String newStatus, String detail) {
        return new MessageRecord(id, direction, messageId, documentName, tenantId, fromLogicalId, toLogicalId,
                parameters, payload, newStatus, route, attempts, nextAttemptAt, detail, createdAt, updatedAt);
    }
}
