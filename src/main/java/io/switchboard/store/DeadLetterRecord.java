package io.switchboard.store;

import java.time.Instant;

/** One row of the dead_letter table. */
public record DeadLetterRecord(
        long id,
        Long messagePk,
        String messageId,
        String documentName,
        String routeId,
        String endpointUri,
        String reason,
        String exceptionSummary,
        String headers,
        String body,
        int attempts,
        String status,
        Instant createdAt,
        Instant updatedAt) {
}
