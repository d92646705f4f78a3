package io.switchboard.alert;

/**
 * The alert routes handle their own failures (route configuration "alert-plumbing", no error handler, declared
 * in routes/error-handling.camel.yaml): an alert that cannot be stored fails the caller's exchange (so the
 * caller's dead-letter channel keeps its message), and the sender files every Pushover answer itself. The
 * default dead-letter channel would copy alerts, and the token-bearing request, into dead_letter.
 */
public final class AlertRouteConfiguration {

    public static final String ID = "alert-plumbing";

    private AlertRouteConfiguration() {
    }
}
