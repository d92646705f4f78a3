package io.switchboard.ion;

/** The 202 answer of POST /api/ion/outbox: the message id the BOD was queued under. */
public record OutboxAccepted(String messageId) {
}
