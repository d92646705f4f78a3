package io.switchboard.store;

/** How many message rows share a direction, document and status. */
public record MessageCount(String direction, String documentName, String status, long count) {
}
