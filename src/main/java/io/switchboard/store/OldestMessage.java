package io.switchboard.store;

import java.time.Instant;

/** The oldest message row in one direction and status. */
public record OldestMessage(String direction, String status, Instant createdAt) {
}
