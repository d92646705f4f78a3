package io.switchboard.ion;

/** The body of POST /api/ion/outbox: a BOD for ION (its schema in /api/openapi.json). */
public record OutboxRequest(String documentName, String toLogicalId, String variation, String payload) {
}
