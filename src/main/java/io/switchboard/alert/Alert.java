package io.switchboard.alert;

/** One alert as it entered direct:alert, already normalised to Pushover's limits. */
public record Alert(
        String dedupKey,
        String title,
        String message,
        int priority,
        String url,
        String urlTitle,
        String sound,
        String recipient) {
}
