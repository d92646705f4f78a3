package io.switchboard.store;

import java.time.Instant;

/** One step of a dead letter's history: a replay, a failed replay or a discard. */
public record DeadLetterEvent(Instant at, String action, String actor, String detail) {
}
