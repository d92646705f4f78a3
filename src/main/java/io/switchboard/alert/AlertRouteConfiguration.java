package io.switchboard.alert;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The alert routes handle their own failures: an alert that cannot be stored fails the caller's exchange
 * (so the caller's dead-letter channel keeps its message), and the sender files every Pushover answer itself.
 * The default dead-letter channel would copy alerts, and the token-bearing request, into dead_letter.
 */
public class AlertRouteConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "alert-plumbing";

    @Override
    public void configuration() {
        routeConfiguration(ID).errorHandler(noErrorHandler());
    }
}
