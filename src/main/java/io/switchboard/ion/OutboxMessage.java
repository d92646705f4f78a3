package io.switchboard.ion;

/** One claimed outbound message: the row's key and what goes into the multipartMessage. */
public record OutboxMessage(long pk, String messageId, String documentName, String toLogicalId, String variation,
        String payload, int attempts) {
}
