package io.switchboard.store;

import java.time.Instant;

/** One step of a message's journey (received, routed, attempt, sent, dead-lettered …). */
public record MessageEvent(Instant at, String event, String detail) {
}
