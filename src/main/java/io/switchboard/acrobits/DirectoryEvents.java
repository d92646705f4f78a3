package io.switchboard.acrobits;

import org.apache.camel.Processor;

/**
 * What the directory tells the rest of the hub. A deactivated user (admin DELETE, ION Delete) is sent,
 * after the commit and without holding up the caller, to USER_DEACTIVATED with the username as body;
 * chat removes them from their rooms and closes their sessions there.
 */
public final class DirectoryEvents {

    public static final String USER_DEACTIVATED = "direct:directory-user-deactivated";
    /** Exchange property: the usernames a route deactivated (List of String), announced at its end. */
    public static final String DEACTIVATED_USERS = "DirectoryDeactivatedUsers";

    /** The event carries the username only: no request headers (credentials) travel into chat or dead letters. */
    public static final Processor USERNAME_ONLY = exchange -> exchange.getIn().removeHeaders("*");

    private DirectoryEvents() {
    }
}
