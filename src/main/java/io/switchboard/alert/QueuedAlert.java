package io.switchboard.alert;

import java.time.Instant;

/** One row of the alert table: an alert and how often it happened since firstAt. */
public record QueuedAlert(
        long id,
        String dedupKey,
        String title,
        String message,
        int priority,
        String url,
        String urlTitle,
        String sound,
        String recipient,
        int occurrences,
        String status,
        int attempts,
        Instant firstAt,
        Instant lastAt) {
}
